using GitOrch.Engine.Charts.Sources;
using GitOrch.TestSupport;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts;

namespace GitOrch.Engine.Tests;

public sealed class ChartRendererTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gitorch-chart-");

    private DirectoryChartFiles Chart(string? template = null)
    {
        foreach (var (file, content) in ChartFixtures.Files(_folder.FullName))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, file.EndsWith("config.yaml") && template is not null ? template : content);
        }
        return new DirectoryChartFiles(_folder.FullName);
    }

    private static IReadOnlyList<LoadedObject> Render(DirectoryChartFiles chart, string overrides = "{}")
    {
        var values = ChartValues.Merge(ChartRenderer.DefaultValues(chart), ChartValues.Parse("overrides.yaml", overrides));
        return ChartRenderer.Render(chart, "shop", "apps", values);
    }

    [Fact]
    public void Render_LoopsOverValues_UsesPartials_AndPutsObjectsInTheReleaseNamespace()
    {
        var objects = Render(Chart(), "items: [x, y, z]\ngreeting: hi");

        Assert.Equal(["shop-x", "shop-y", "shop-z"], objects.Select(loaded => loaded.Object.Name));
        var first = Assert.IsType<ConfigMap>(objects[0].Object);
        Assert.Equal("apps", first.Namespace);
        Assert.Equal("hi", first.Data!["greeting"]);
        Assert.Equal("web-1.2.0", first.Labels["chart"]);
    }

    [Fact]
    public void Set_OverridesNestedValuesKeepingTheirType()
    {
        var values = ChartValues.Parse("v.yaml", "a: {b: 1, keep: yes}");

        SetValues.Apply(values, "a.b=2");
        SetValues.Apply(values, "c.d=text");

        Assert.Equal(2, values["a"]!["b"]!.GetValue<long>());
        Assert.Equal("text", values["c"]!["d"]!.GetValue<string>());
        Assert.NotNull(values["a"]!["keep"]);
    }

    [Theory]
    [InlineData("x: {{ if }}", "config.yaml:1:", "Expecting <expression>")]
    [InlineData("x: {{ values.missing }}", "config.yaml:1:", "missing")]
    [InlineData("{{ while true }}x{{ end }}", "config.yaml:1:", "iteration limit")]
    [InlineData("{{ include \"../../../etc/passwd\" }}", "config.yaml:1:", "outside chart web")]
    [InlineData("{{ func f(n); ret f(n); end; f 1 }}", "config.yaml:1:", "recursive depth")]
    [InlineData("{{ s = 'x'\nfor i in 1..30\ns = s + s\nend\ns }}", "config.yaml:3:", "is over the limit of 4194304 characters a chart may make")]
    [InlineData("{{ for i in 1..9000 }}{{ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' | string.pad_right 600 }}{{ end }}", "config.yaml:1:", "the output is over the limit of 4194304 characters a template may make")]
    public void Render_BadTemplate_NamesChartTemplateAndPosition(string template, string where, string problem)
    {
        var error = Assert.Throws<ManifestException>(() => Render(Chart(template)));

        Assert.Contains(where, error.Message);
        Assert.Contains("chart web", error.Message);
        Assert.Contains(problem, error.Message);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
