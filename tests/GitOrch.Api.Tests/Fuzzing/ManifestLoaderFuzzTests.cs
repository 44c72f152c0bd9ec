using CsCheck;
using GitOrch.Api.Serialization;
using GitOrch.TestSupport;

namespace GitOrch.Api.Tests.Fuzzing;

/// <summary>
/// Random bytes, and real manifests edited at random: the loader loads them or refuses them with a
/// file:line:column line per error, and never fails any other way (a crash, a hang, another exception).
/// </summary>
public sealed class ManifestLoaderFuzzTests
{
    private const string FileName = "fuzz.yaml";


    private static readonly string[] Seeds =
    [
        .. ManifestCorpus.Valid,
        .. ManifestCorpus.Invalid.Select(entry => entry.Yaml),
        .. Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "tests", "corpus"), "*.yaml", SearchOption.AllDirectories).Order().Select(File.ReadAllText),
    ];

    // Pieces of YAML that parsers and type conversion tend to trip on.
    private static readonly string[] Tokens =
    [
        ": ", "- ", "{", "}", "[", "]", ",", "&a ", "*a", "<<: *a\n", "!!str ", "!!int ", "!!binary ", "!custom ", "\"", "'", "\\",
        "\n", "\n  ", "\r\n", "\t", "    ", "---\n", "...\n", "# note", "|\n", ">-\n", "? ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
        "0x1F", "1e999", "-0", ".inf", ".nan", "~", "null", "yes", "0o17", "2001-12-14", "9223372036854775808", "-1", "0", "70000",
        "\uFEFF", "\u2028", "\u00e9", "😀", "kind: List\nitems:\n- ", "apiVersion: v1\n", "apiVersion: apps/v1\n", "kind: ", "Deployment",
        "ConfigMap", "Secret", "Service", "CronJob", "metadata:\n  name: ", "namespace: ", "labels: ", "selector: ", "matchLabels: ",
        "spec:\n", "replicas: ", "containers:\n- name: c\n  image: busybox\n", "ports: [{containerPort: ", "resources: {limits: {cpu: ",
        "schedule: \"", "data: {k: ", "stringData: ", "{{ x }}", "a: b\na: c\n",
    ];

    [Fact]
    public void RandomBytes_AreLoadedOrRefusedWithAPlace() =>
        Gen.Byte.Array[0, 600].Sample(bytes => LoadsOrRefusesWithPlaces(() => ManifestLoader.Load(FileName, bytes)),
            iter: FuzzBudget.Iterations(20_000));

    [Fact]
    public void EditedManifests_AreLoadedOrRefusedWithAPlace() =>
        Gen.Select(Gen.Int[0, Seeds.Length - 1], TextMutation.Many(Tokens.Length))
            .Select((seed, mutations) => TextMutation.ApplyAll(Seeds[seed], mutations, Tokens))
            .Sample(text => LoadsOrRefusesWithPlaces(() => ManifestLoader.Load(FileName, text)),
                iter: FuzzBudget.Iterations(30_000), print: text => $"\"{text.ReplaceLineEndings("\\n")}\"");

    /// <summary>Inputs the fuzzing found that once failed some other way, kept so that they never do again.</summary>
    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  ")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: }\nspec:\n  containers: [{name: c, image: busybox}]\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: !!bi[ry default\n")]
    [InlineData("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: r}\nspec:\n  schedule: \"0 2 * * *\"\n  timeZone: Etc/\n  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}}\n")]
    [InlineData("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: r}\nspec:\n  schedule: \"0 2 * * *\"\n  timeZone: ../../../../etc/passwd\n  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}}\n")]
    public void FoundInputs_AreLoadedOrRefusedWithAPlace(string text) =>
        LoadsOrRefusesWithPlaces(() => ManifestLoader.Load(FileName, text));

    private static void LoadsOrRefusesWithPlaces(Func<IReadOnlyList<LoadedObject>> load)
    {
        try
        {
            load();
        }
        catch (ManifestException error)
        {
            Assert.Empty(ErrorPlaces.LinesWithoutAPlace(error.Message, @"fuzz\.yaml"));
        }
    }
}
