using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Planning;

/// <summary>
/// Decides whether a live object already matches its desired state. Server-set metadata, status, the
/// source-commit annotation and operational annotations are left out, so a commit that changes nothing meaningful plans nothing.
/// </summary>
public static class SemanticComparer
{
    private static readonly string[] ServerSetMetadata = ["uid", "resourceVersion", "generation", "creationTimestamp"];

    public static bool AreEqual(KubeObject desired, KubeObject live)
    {
        var (wanted, actual) = (Comparable(desired), Comparable(live));
        ClusterAssignedFields.Forget(desired, live, wanted, actual);
        return JsonNode.DeepEquals(wanted, actual);
    }

    /// <summary>The part of an object that a comparison looks at.</summary>
    public static JsonObject Comparable(KubeObject obj)
    {
        var node = ObjectJson.ToNode(obj);
        node.Remove("status");
        var metadata = node["metadata"]!.AsObject();
        foreach (var field in ServerSetMetadata)
            metadata.Remove(field);
        if (metadata["annotations"] is JsonObject annotations)
        {
            annotations.Remove(WellKnown.SourceCommit);
            foreach (var operational in WellKnown.OperationalAnnotations)
                annotations.Remove(operational);
            if (annotations.Count == 0) metadata.Remove("annotations");
        }
        return node;
    }
}
