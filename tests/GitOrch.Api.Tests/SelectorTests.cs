using GitOrch.Api.Model;

namespace GitOrch.Api.Tests;

public class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web,tier=front", true)]
    [InlineData("app!=web", false)]
    [InlineData("tier in (front, back)", true)]
    [InlineData("tier notin (front)", false)]
    [InlineData("app,!canary", true)]
    [InlineData("!app", false)]
    [InlineData("env in (prod),app=web", false)]
    public void StringSelector_MatchesAsKubernetesDoes(string selector, bool expected)
    {
        Assert.Equal(expected, SelectorParser.Parse(selector).Matches(Labels));
    }

    [Fact]
    public void StringSelector_WithGarbage_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => SelectorParser.Parse("app=(web"));
    }

    [Fact]
    public void MatchExpressions_CombineWithMatchLabels()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions = [new() { Key = "tier", Operator = SelectorOperator.NotIn, Values = ["back"] }],
        };

        Assert.True(selector.Matches(Labels));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "back" }));
    }

    [Theory]
    [InlineData("100m", 0.1)]
    [InlineData("2", 2)]
    [InlineData("128Mi", 134217728)]
    [InlineData("1G", 1000000000)]
    [InlineData("1.5Gi", 1610612736)]
    [InlineData("1e3", 1000)]
    public void Quantity_ParsesKubernetesSuffixes(string text, double expected)
    {
        Assert.Equal((decimal)expected, ResourceQuantity.Parse(text).Value);
    }

    [Theory]
    [InlineData("12XB")]
    [InlineData("abc")]
    [InlineData("")]
    public void Quantity_RejectsGarbage(string text)
    {
        Assert.False(ResourceQuantity.TryParse(text, out _));
    }
}
