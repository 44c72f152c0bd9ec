using CsCheck;
using GitOrch.Api.Model;
using GitOrch.TestSupport;

namespace GitOrch.Api.Tests.Fuzzing;

/// <summary>
/// The selector parser against random text (a selector or a format error, nothing else) and against a
/// model: a selector built from random terms matches exactly the label sets the terms describe.
/// </summary>
public sealed class SelectorParserFuzzTests
{
    private static readonly string[] Keys = ["app", "tier", "example.com/role", "a_b-c.d"];
    private static readonly string[] Values = ["", "web", "db", "v1.2", "x_y-z"];
    private static readonly string[] Pieces = ["app", "tier", "=", "==", "!=", "!", ",", "(", ")", " in ", " notin ", "in", " ", "\t", "web", "x.io/", "-", "_", ".", "é", "\"", "=("];

    private sealed record Term(string Key, string Operator, string[] Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels) => Operator switch
        {
            "=" or "==" or "in" => labels.TryGetValue(Key, out var value) && Values.Contains(value),
            "!=" or "notin" => !labels.TryGetValue(Key, out var value) || !Values.Contains(value),
            "exists" => labels.ContainsKey(Key),
            _ => !labels.ContainsKey(Key),
        };

        public string Text(string space) => Operator switch
        {
            "=" or "==" or "!=" => $"{Key}{space}{Operator}{space}{Values[0]}",
            "in" or "notin" => $"{Key} {Operator}{space}({string.Join($",{space}", Values)})",
            "exists" => Key,
            _ => $"!{space}{Key}",
        };
    }

    private static readonly Gen<Term> Terms =
        Gen.Select(Gen.OneOf(Keys), Gen.OneOf("=", "==", "!=", "in", "notin", "exists", "absent"), Gen.OneOf(Values).Array[1, 3],
            (key, op, values) => new Term(key, op, op is "in" or "notin" ? values.Where(value => value.Length > 0).DefaultIfEmpty("web").ToArray() : values[..1]));

    private static readonly Gen<Dictionary<string, string>> LabelSets =
        Gen.Select(Gen.OneOf(Keys), Gen.OneOf(Values)).Array[0, 4].Select(pairs => pairs.DistinctBy(pair => pair.Item1).ToDictionary(pair => pair.Item1, pair => pair.Item2));

    [Fact]
    public void RandomText_IsASelectorOrAFormatError() =>
        Gen.OneOf(Pieces).Array[0, 14].Select(string.Concat).Sample(text =>
        {
            try
            {
                var selector = SelectorParser.Parse(text);
                Assert.All(selector.ToRequirements(), requirement =>
                {
                    Assert.NotEmpty(requirement.Key);
                    Assert.Contains(requirement.Operator, SelectorOperator.All);
                });
            }
            catch (FormatException)
            {
            }
        }, iter: FuzzBudget.Iterations(50_000));

    [Fact]
    public void SelectorOfRandomTerms_MatchesWhatTheTermsSay() =>
        Gen.Select(Terms.Array[1, 4], Gen.OneOf("", " ", "  "), LabelSets).Sample((terms, space, labels) =>
        {
            var text = string.Join($",{space}", terms.Select(term => term.Text(space)));

            Assert.Equal(terms.All(term => term.Matches(labels)), SelectorParser.Parse(text).Matches(labels));
        }, iter: FuzzBudget.Iterations(50_000));
}
