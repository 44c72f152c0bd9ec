using System.Text.RegularExpressions;

namespace GitOrch.Api.Model;

/// <summary>Parses the string form of a selector: <c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>.</summary>
public static partial class SelectorParser
{
    public static LabelSelector Parse(string text)
    {
        var requirements = new List<LabelSelectorRequirement>();
        foreach (var term in SplitTerms(text))
            requirements.Add(ParseTerm(term));
        return new LabelSelector { MatchExpressions = requirements };
    }

    private static LabelSelectorRequirement ParseTerm(string term)
    {
        var set = SetTerm().Match(term);
        if (set.Success)
        {
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            var op = set.Groups["op"].Value.Equals("in", StringComparison.OrdinalIgnoreCase) ? SelectorOperator.In : SelectorOperator.NotIn;
            return Requirement(set.Groups["key"].Value, op, values);
        }
        var equality = EqualityTerm().Match(term);
        if (equality.Success)
        {
            var op = equality.Groups["op"].Value == "!=" ? SelectorOperator.NotIn : SelectorOperator.In;
            return Requirement(equality.Groups["key"].Value, op, [equality.Groups["value"].Value]);
        }
        var existence = ExistenceTerm().Match(term);
        if (existence.Success)
        {
            var op = existence.Groups["not"].Success ? SelectorOperator.DoesNotExist : SelectorOperator.Exists;
            return Requirement(existence.Groups["key"].Value, op, null);
        }
        throw new FormatException($"invalid selector term \"{term}\"");
    }

    private static LabelSelectorRequirement Requirement(string key, string op, List<string>? values) =>
        new() { Key = key, Operator = op, Values = values };

    // Commas separate terms except inside the parentheses of a set term.
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                var term = text[start..i].Trim();
                if (term.Length > 0) yield return term;
                start = i + 1;
            }
            else if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
        }
    }

    private const string Key = @"(?<key>[A-Za-z0-9][-A-Za-z0-9_./]*)";

    [GeneratedRegex(@"^" + Key + @"\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^" + Key + @"\s*(?<op>==|=|!=)\s*(?<value>[-A-Za-z0-9_.]*)$")]
    private static partial Regex EqualityTerm();

    [GeneratedRegex(@"^(?<not>!)?\s*" + Key + "$")]
    private static partial Regex ExistenceTerm();
}
