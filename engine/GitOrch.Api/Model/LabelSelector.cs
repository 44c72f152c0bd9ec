using System.Text.Json.Serialization;

namespace GitOrch.Api.Model;

/// <summary>A structured label selector, as written in a workload's spec.selector.</summary>
public sealed record LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; init; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; init; }

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        ToRequirements().All(requirement => requirement.Matches(labels));

    public IEnumerable<LabelSelectorRequirement> ToRequirements()
    {
        foreach (var (key, value) in MatchLabels ?? [])
            yield return new LabelSelectorRequirement { Key = key, Operator = SelectorOperator.In, Values = [value] };
        foreach (var expression in MatchExpressions ?? [])
            yield return expression;
    }

    [JsonIgnore]
    public bool IsEmpty => (MatchLabels?.Count ?? 0) == 0 && (MatchExpressions?.Count ?? 0) == 0;
}

public static class SelectorOperator
{
    public const string In = "In";
    public const string NotIn = "NotIn";
    public const string Exists = "Exists";
    public const string DoesNotExist = "DoesNotExist";

    public static readonly IReadOnlyList<string> All = [In, NotIn, Exists, DoesNotExist];
}

public sealed record LabelSelectorRequirement
{
    public string Key { get; init; } = "";
    public string Operator { get; init; } = "";
    public List<string>? Values { get; init; }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.In => present && (Values ?? []).Contains(value!),
            SelectorOperator.NotIn => !present || !(Values ?? []).Contains(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            _ => throw new ArgumentException($"unknown selector operator \"{Operator}\""),
        };
    }
}
