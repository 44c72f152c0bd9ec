using System.Diagnostics;
using System.Text.Json;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Desired;
using GitOrch.Store;

namespace GitOrch.Engine.Tests;

/// <summary>What kustomize itself renders for a folder, and a check that the engine loaded exactly that.</summary>
public static class KustomizeFidelity
{
    public static byte[] KubectlKustomize(string folder)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder}: {error.Result}");
        return output.ToArray();
    }

    /// <summary>The objects the engine loaded from a kustomization equal kustomize's, object by object, apart from the annotations GitOrch adds.</summary>
    public static void AssertSameAsKustomize(string folderOnDisk, IEnumerable<DesiredObject> loaded)
    {
        var expected = ManifestLoader.Load("kustomize", KubectlKustomize(folderOnDisk)).Select(l => l.Object).ToList();
        var rendered = loaded.Select(declared => declared.Object).ToList();
        Assert.Equal(expected.Select(ObjectKeys.For).Order(), rendered.Select(ObjectKeys.For).Order());
        foreach (var obj in expected)
            Assert.Equal(Json(obj), Json(WithoutGitOrchAnnotations(rendered.Single(r => ObjectKeys.For(r) == ObjectKeys.For(obj)))));
    }

    private static KubeObject WithoutGitOrchAnnotations(KubeObject obj) =>
        obj with { Metadata = obj.Metadata.WithAnnotation(WellKnown.SourcePath, null).WithAnnotation(WellKnown.ManagedBy, null) };

    private static string Json(KubeObject obj) => JsonSerializer.Serialize(obj, obj.GetType(), ObjectJson.Options);
}
