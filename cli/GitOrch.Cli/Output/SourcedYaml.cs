using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Output;

/// <summary>Rendered objects as a YAML stream, each document headed by a comment naming where it came from.</summary>
public static class SourcedYaml
{
    public static async Task WriteAsync(TextWriter output, string source, KubeObject obj)
    {
        await output.WriteLineAsync($"---\n# Source: {source}");
        await output.WriteAsync(ObjectYaml.ToText(ObjectJson.ToNode(obj)));
    }
}
