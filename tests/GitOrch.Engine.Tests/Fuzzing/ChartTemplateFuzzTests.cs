using CsCheck;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts;
using GitOrch.Engine.Charts.Sources;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests.Fuzzing;

/// <summary>
/// Real chart templates, Helm's Go templates and GitOrch's Scriban ones, edited at random: a chart
/// renders to objects or is refused with a file:line:column line per error in the chart, and never fails
/// any other way.
/// </summary>
public sealed class ChartTemplateFuzzTests
{
    private const string Root = "charts/fuzz";


    private static readonly string[] GoTokens =
    [
        "{{", "}}", "{{-", "-}}", "{{/*", "*/}}", " if ", " else ", " else if ", " end ", " range ", " with ", " define \"x\" ", " block \"b\" . ",
        " template \"web.name\" . ", " include \"web.fullname\" . ", " include \"missing\" . ", " tpl .Values.image.repository . ", " tpl \"{{ tpl . . }}\" . ",
        ".", ".Values", ".Values.podLabels", ".Values.missing.deep", ".Release.Name", ".Chart", ".Capabilities", "$", "$x := ", "$x = ", "$x",
        " | ", " quote ", " default ", " toYaml ", " fromYaml ", " toJson ", " fromJson ", " required \"r\" ", " fail \"f\" ", " len ", " index ",
        " printf \"%d %s\" ", " nindent ", " indent ", " repeat 100000 ", " until 100000 ", " trunc -1 ", " b64dec ", " semver ", " regexMatch \"(\" ",
        " dict ", " list ", " get ", " set ", " merge ", " keys ", " and ", " or ", " not ", " eq ", " lt ", " div ", " mod ", " add1 ", " sub ",
        " .Files.Get \"values.yaml\" ", " .Files.Get \"/etc/passwd\" ", " lookup \"v1\" \"Pod\" \"\" \"\" ", " env \"HOME\" ", " break ", " continue ",
        " (", ")", "\"", "`", "'", " nil ", " 1.5 ", " -1 ", " 0 ", " 9223372036854775808 ", " 1e400 ", "\n", ": ", "- ", "  ",
    ];

    private static readonly string[] ScribanTokens =
    [
        "{{", "}}", "{{-", "-}}", "{{~", "~}}", " for ", " in ", " end ", " if ", " else ", " while true ", " func f ", " ret ", " capture c ",
        " include \"_chart_label.sbn\" ", " include \"../../x\" ", " include \"missing.sbn\" ", " import ", " with ", " tablerow ", " break ", " continue ",
        "values", "values.items", "values.missing.deep", "release.name", "chart.version", " | ", " string.repeat 'x' 100000 ", " 1..100000 ", " + ",
        " * ", " / 0 ", " % 0 ", "$", "@", "(", ")", "[", "]", "\"", "'", "`", " object.keys ", " array.size ", " date.now ", " null ", " 1e400 ",
        " 9223372036854775808 ", "\n", ": ", "- ", "  ",
    ];

    private static readonly Dictionary<string, string> HelmChart = Files(HelmChartFixtures.Files(""));

    private static readonly Dictionary<string, string> ScribanChart = Files(ChartFixtures.Files(""));

    [Fact]
    public void EditedHelmTemplates_RenderOrAreRefusedWithAPlace() =>
        EditedTemplates_RenderOrAreRefusedWithAPlace(HelmChart, GoTokens, FuzzBudget.Iterations(3_000));

    [Fact]
    public void EditedScribanTemplates_RenderOrAreRefusedWithAPlace() =>
        EditedTemplates_RenderOrAreRefusedWithAPlace(ScribanChart, ScribanTokens, FuzzBudget.Iterations(3_000));

    /// <summary>Inputs the fuzzing found that once failed some other way, kept so that they never do again.</summary>
    [Theory]
    [InlineData("templates/config.yaml", "chart: {{ include \"_char\nt_label.sbn\" }}")]
    public void FoundScribanInputs_RenderOrAreRefusedWithAPlace(string template, string text) =>
        RendersOrIsRefusedWithAPlace(new Dictionary<string, string>(ScribanChart) { [template] = text });

    /// <summary>Inputs the fuzzing found that once failed some other way, kept so that they never do again.</summary>
    [Theory]
    [InlineData("templates/service.yaml", "port: {{ print '' }}")]
    [InlineData("templates/service.yaml", "port: {{ print 'ab' }}")]
    public void FoundHelmInputs_RenderOrAreRefusedWithAPlace(string template, string text) =>
        RendersOrIsRefusedWithAPlace(new Dictionary<string, string>(HelmChart) { [template] = text });

    private static void EditedTemplates_RenderOrAreRefusedWithAPlace(Dictionary<string, string> chart, string[] tokens, long iterations)
    {
        var templates = chart.Keys.Where(path => path.StartsWith("templates/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Gen.Select(Gen.OneOf(templates), TextMutation.Many(tokens.Length))
            .Select((template, mutations) => (template, text: TextMutation.ApplyAll(chart[template], mutations, tokens)))
            .Sample(edit => RendersOrIsRefusedWithAPlace(new Dictionary<string, string>(chart) { [edit.template] = edit.text }),
                iter: iterations, print: edit => $"{edit.template}: \"{edit.text.ReplaceLineEndings("\\n")}\"");
    }

    private static void RendersOrIsRefusedWithAPlace(Dictionary<string, string> files)
    {
        var chart = new InMemoryChartFiles(Root, files);
        try
        {
            ChartRenderer.Render(chart, "shop", "apps", ChartValues.Merge(ChartRenderer.DefaultValues(chart), []));
        }
        catch (ManifestException error)
        {
            Assert.Empty(ErrorPlaces.LinesWithoutAPlace(error.Message, @"charts/fuzz/[^:]+"));
        }
    }

    private static Dictionary<string, string> Files((string Path, string? Text)[] files) =>
        files.Where(file => file.Text is not null).ToDictionary(file => file.Path.TrimStart('/'), file => file.Text!);
}
