using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Cli.Output;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>
/// What <c>wait --for</c> waits for, in kubectl's syntax: <c>delete</c>, <c>condition=TYPE[=VALUE]</c>
/// (a status condition, True unless a value is given) or <c>jsonpath={PATH}[=VALUE]</c> (the field has
/// that value, or exists at all).
/// </summary>
public abstract record WaitCondition
{
    public abstract bool IsMet(KubeObject? live);

    /// <summary>What kubectl prints for an object once it is met.</summary>
    public abstract string Met { get; }

    public static WaitCondition Parse(string text)
    {
        if (text == "delete") return new Deleted();
        if (text.StartsWith("condition=", StringComparison.Ordinal))
        {
            var parts = text["condition=".Length..].Split('=', 2);
            if (parts[0].Length == 0) throw new ArgumentException($"--for \"{text}\": expected condition=TYPE, such as condition=Ready");
            return new Condition(parts[0], parts.Length == 2 ? parts[1] : "True");
        }
        if (text.StartsWith("jsonpath=", StringComparison.Ordinal))
        {
            var expression = text["jsonpath=".Length..];
            var end = expression.StartsWith('{') ? expression.IndexOf('}') + 1 : expression.IndexOf('=') is var equals and >= 0 ? equals : expression.Length;
            if (end <= 0) throw new ArgumentException($"--for \"{text}\": the '{{' has no '}}'");
            var value = end < expression.Length && expression[end] == '=' ? expression[(end + 1)..] : null;
            return new FieldValue(FieldPath.Parse(expression[..end]), value);
        }
        throw new ArgumentException($"--for \"{text}\": expected delete, condition=TYPE[=VALUE] or jsonpath={{PATH}}[=VALUE]");
    }

    private sealed record Deleted : WaitCondition
    {
        public override bool IsMet(KubeObject? live) => live is null;
        public override string Met => "deleted";
    }

    private sealed record Condition(string Type, string Value) : WaitCondition
    {
        public override bool IsMet(KubeObject? live) =>
            live is not null && ObjectJson.ToNode(live)["status"]?["conditions"] is JsonArray conditions
            && conditions.Any(condition =>
                string.Equals(condition?["type"]?.GetValue<string>(), Type, StringComparison.OrdinalIgnoreCase)
                && string.Equals(condition?["status"]?.GetValue<string>(), Value, StringComparison.OrdinalIgnoreCase));

        public override string Met => "condition met";
    }

    private sealed record FieldValue(FieldPath Path, string? Value) : WaitCondition
    {
        public override bool IsMet(KubeObject? live)
        {
            if (live is null) return false;
            var root = ObjectJson.ToNode(live);
            var found = Path.Evaluate(root, root).Where(node => node is not null).Select(JsonPathTemplate.Print).ToList();
            return Value is null ? found.Count > 0 : found.Contains(Value);
        }

        public override string Met => "condition met";
    }
}
