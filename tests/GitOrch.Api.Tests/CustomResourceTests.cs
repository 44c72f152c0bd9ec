using System.Text.Json;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Api.Tests;

/// <summary>Custom resources: a definition registers its kind, and each resource is checked against its version's schema.</summary>
public class CustomResourceTests
{
    /// <summary>A definition of a kind no other test uses, so the process-wide registry holds it once.</summary>
    private static string Definition(string kind, string plural) => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {{plural}}.tests.example.com
        spec:
          group: tests.example.com
          scope: Namespaced
          names:
            kind: {{kind}}
            plural: {{plural}}
            singular: {{plural.TrimEnd('s')}}
            shortNames: [{{plural[..2]}}x]
          versions:
          - name: v1
            served: true
            storage: true
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, minimum: 1, maximum: 10}
                      color: {type: string, enum: [red, blue]}
                      labels:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
        """;

    private static string Resource(string kind, string spec) => $"""
        apiVersion: tests.example.com/v1
        kind: {kind}
        metadata:
          name: one
        spec:
        {spec}
        """;

    [Fact]
    public void ADefinitionAndItsResources_LoadFromOneFile_WhicheverComesFirst()
    {
        var loaded = ManifestLoader.Load("app.yaml", Resource("Gizmo", "  size: 3\n  color: red") + "\n---\n" + Definition("Gizmo", "gizmos"));

        var gizmo = Assert.IsType<StoredObject>(Assert.Single(loaded, l => l.Object.Kind == "Gizmo").Object);
        Assert.Equal(3, gizmo.Fields!["spec"].GetProperty("size").GetInt32());
        var info = Kinds.Resolve("gizmos")!;
        Assert.Equal(("Gizmo", "tests.example.com/v1", true), (info.Kind, info.ApiVersion, info.Namespaced));
        Assert.Same(info, Kinds.Resolve("gizmo"));
        Assert.Same(info, Kinds.Resolve("gix"));
        Assert.Equal("Gizmo", ObjectJson.FromBytes(ObjectJson.ToBytes(gizmo)).Kind);
    }

    [Fact]
    public void AResourceThatBreaksTheSchema_IsRefusedAtItsField()
    {
        ManifestLoader.Load("crd.yaml", Definition("Contraption", "contraptions"));

        var tooBig = Assert.Throws<ManifestException>(() => ManifestLoader.Load("w.yaml", Resource("Contraption", "  size: 11")));
        var missing = Assert.Throws<ManifestException>(() => ManifestLoader.Load("w.yaml", Resource("Contraption", "  color: green")));

        Assert.StartsWith("w.yaml:6:3: Contraption \"one\": spec.size: ", tooBig.Message);
        Assert.EndsWith("(schema of contraptions.tests.example.com)", tooBig.Message);
        Assert.StartsWith("w.yaml:5:1: Contraption \"one\": spec: ", missing.Message);
    }

    [Fact]
    public void AResourceWithoutItsDefinition_IsOneLineNamingTheKindAndTheFile()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("cr.yaml", "apiVersion: nowhere.example.com/v1\nkind: Sprocket\nmetadata: {name: s}\n"));

        Assert.Equal("cr.yaml:2:7: kind Sprocket (nowhere.example.com/v1) has no CustomResourceDefinition: add the definition to the repository, or remove the resource", error.Message);
    }

    [Fact]
    public void ADefinitionWhoseNameDoesNotFit_IsRefused()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("crd.yaml", Definition("Doohickey", "doohickeys").Replace("name: doohickeys.tests", "name: other.tests")));

        Assert.Equal("crd.yaml:4:3: CustomResourceDefinition \"other.tests.example.com\": metadata.name: must be spec.names.plural + \".\" + spec.group: \"doohickeys.tests.example.com\"", error.Message);
    }
}
