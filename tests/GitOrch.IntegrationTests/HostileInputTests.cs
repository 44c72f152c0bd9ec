using System.Text;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// The most hostile inputs, each committed beside a good file and applied through the real CLI: each is
/// refused with one line naming its file, exits 1, writes nothing, and stays within a bound on the
/// command's memory and time. The bounds are limits far above a normal apply, not performance targets:
/// they catch an input that makes the loader balloon or spin.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private const long MemoryLimitBytes = 768L * 1024 * 1024;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(120);

    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private string StorePath => Path.Combine(_home.FullName, "store.db");

    private const string HelmChart = "apiVersion: v2\nname: h\nversion: 0.1.0\n";
    private const string HelmRelease = "apiVersion: gitorch.io/v1\nkind: ChartRelease\nmetadata: {name: shop}\nspec:\n  chart: charts/h\n";

    /// <summary>Each case: the files it commits (text, or bytes where the text would not survive), and the one line that refuses it.</summary>
    private static readonly Dictionary<string, (Action<GitRepository> Write, string Expected)> Cases = new()
    {
        ["a 50 MB file"] = (repo => WriteBytes(repo, "big.yaml", Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: " + new string('x', 50 * 1024 * 1024) + "\n")),
            "error: big.yaml:1:1: the file is 52428865 bytes, more than the 16777216 a manifest file may be"),
        ["binary bytes"] = (repo => WriteBytes(repo, "logo.yaml", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]),
            "error: logo.yaml:1:1: byte 0x89 is not valid UTF-8; manifests must be UTF-8 text"),
        ["a NUL byte"] = (repo => WriteBytes(repo, "nul.yaml", Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\0x\n")),
            "error: nul.yaml:4:10: control character U+0000 is not allowed in YAML"),
        ["UTF-16 text"] = (repo => WriteBytes(repo, "wide.yaml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w}\n")]),
            "error: wide.yaml:1:1: the file is UTF-16 text (it starts with a UTF-16 byte order mark); manifests must be UTF-8 text"),
        ["a symbolic link out of the repository"] = (repo => WriteLink(repo, "passwd.yaml", "/etc/passwd"),
            "error: passwd.yaml:1:1: the file is a symbolic link to \"/etc/passwd\"; manifests must be regular files, and links are never followed"),
        ["a symbolic link up and out"] = (repo => WriteLink(repo, "up.yaml", "../../../../outside.yaml"),
            "error: up.yaml:1:1: the file is a symbolic link to \"../../../../outside.yaml\"; manifests must be regular files, and links are never followed"),
        ["a YAML alias bomb"] = (repo => WriteText(repo, "bomb.yaml", CorpusCase("alias")),
            "error: bomb.yaml:9:12: expected a single value here, not an alias (*name); free-form fields such as chart values take no aliases, write the value out"),
        ["10,000 levels of nesting"] = (repo => WriteText(repo, "deep.yaml", CorpusCase("nests deeper")),
            "error: deep.yaml:7:109: the YAML nests deeper than 100 levels"),
        ["a Helm chart reading a file outside it"] = (repo => WriteHelm(repo, "{{ .Files.Get \"../../../../etc/passwd\" }}"),
            "error: charts/h/templates/t.yaml:1:4: chart h: executing \"h/templates/t.yaml\" at <.Files.Get>: error calling Get: .Files.Get \"../../../../etc/passwd\" is outside the chart; a template reads only its chart's files"),
        ["a Helm template reading the environment"] = (repo => WriteHelm(repo, "home: {{ env \"HOME\" }}"),
            "error: charts/h/templates/t.yaml:1:10: chart h: executing \"h/templates/t.yaml\" at <env>: function \"env\" not defined"),
        ["a Helm template that calls itself"] = (repo => WriteHelm(repo, "{{ define \"loop\" }}{{ include \"loop\" . }}{{ end }}{{ include \"loop\" . }}"),
            "error: charts/h/templates/t.yaml:1:1: chart h: exceeded max template depth (100): template \"loop\" calls itself without end"),
        ["a Helm template with huge output"] = (repo => WriteHelm(repo, "{{ range until 100000 }}{{ repeat 1000 \"x\" }}{{ end }}"),
            "error: charts/h/templates/t.yaml:1:25: chart h: the output is over the limit of 4194304 characters a render may make"),
        ["a Scriban include outside the chart"] = (repo => WriteScriban(repo, "{{ include \"../../../../etc/passwd\" }}"),
            "error: charts/web/templates/config.yaml:1:4: chart web: include \"../../../../etc/passwd\" is outside chart web"),
        ["a Scriban template with huge output"] = (repo => WriteScriban(repo, "{{ for i in 1..5000 }}{{ \"x\" | string.pad_left 1000 }}{{ end }}"),
            "error: charts/web/templates/config.yaml:1:1: chart web: the output is over the limit of 4194304 characters a template may make"),
        ["a Scriban template that loops without end"] = (repo => WriteScriban(repo, "{{ for i in 1..100000000 }}x{{ end }}"),
            "error: charts/web/templates/config.yaml:1:14: chart web: Range expression exceeds LoopLimit `10000`."),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileInput_IsRefusedWithOneLine_WritesNothing_AndStaysWithinItsBounds(string name)
    {
        var (write, expected) = Cases[name];
        write(_repo);
        _repo.Commit($"good and {name}", ("good.yaml", ChartFixtures.ConfigMap("good", "red")));

        var apply = await GitorchProcess.RunMeasuredAsync(_home.FullName, TimeLimit, "apply", "--repo", _repo.Path, "--store", StorePath);
        var configMaps = await GitorchProcess.RunAsync(_home.FullName, "get", "cm", "-A", "-o", "name", "--store", StorePath);

        Assert.Equal(1, apply.Result.ExitCode);
        Assert.Equal(expected, apply.Result.Error.Trim());
        Assert.Equal("", configMaps.Output.Trim());
        output.WriteLine($"{name}: peak {apply.PeakMemoryBytes / (1024 * 1024)} MiB, {apply.Elapsed.TotalSeconds:F1} s");
        Assert.True(apply.PeakMemoryBytes < MemoryLimitBytes, $"apply held {apply.PeakMemoryBytes / (1024 * 1024)} MiB at its peak, over the {MemoryLimitBytes / (1024 * 1024)} MiB limit");
    }

    private static string CorpusCase(string errorPart) => ManifestCorpus.Invalid.Single(entry => entry.Error.Contains(errorPart)).Yaml;

    private static void WriteText(GitRepository repo, string file, string text) => WriteBytes(repo, file, Encoding.UTF8.GetBytes(text));

    private static void WriteBytes(GitRepository repo, string file, byte[] content)
    {
        var full = Path.Combine(repo.Path, file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        repo.Git("add", file);
    }

    private static void WriteLink(GitRepository repo, string file, string target)
    {
        File.CreateSymbolicLink(Path.Combine(repo.Path, file), target);
        repo.Git("add", file);
    }

    private static void WriteHelm(GitRepository repo, string template)
    {
        WriteText(repo, "charts/h/Chart.yaml", HelmChart);
        WriteText(repo, "charts/h/templates/t.yaml", template);
        WriteText(repo, "release.yaml", HelmRelease);
    }

    private static void WriteScriban(GitRepository repo, string template)
    {
        foreach (var (file, text) in ChartFixtures.Files("charts/web"))
            WriteText(repo, file, file.EndsWith("config.yaml") ? template : text!);
        WriteText(repo, "release.yaml", ChartFixtures.Release("shop", "charts/web"));
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
