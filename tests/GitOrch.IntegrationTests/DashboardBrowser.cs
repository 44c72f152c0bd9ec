using System.Net;
using GitOrch.TestSupport;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// A real <c>gitorch up</c> on a real repository (the hello example, a config, a Secret and a pod that ticks), serving its
/// dashboard on a port of its own with a known token, and Debian's Chromium, headless, to look at it.
/// </summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    public const string Token = "browser-test-token-0123456789";

    /// <summary>A pod that prints a numbered line three times a second, for the logs view.</summary>
    private const string Ticker = """
        apiVersion: v1
        kind: Pod
        metadata: {name: ticker}
        spec:
          containers:
          - name: tick
            image: busybox:1.36
            command: ["sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; done"]
        """;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-dashboard-");
    private GitorchProcess _up = null!;

    public GitRepository Repo { get; } = new();
    public string Url { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public string Home => _home.FullName;
    public string[] Store => ["--store", Path.Combine(Home, "store.db")];

    /// <summary>Where the screenshots go: the results of the run, next to the test results.</summary>
    public static string Screenshots => Path.Combine(RepositoryRoot.Path, "artifacts", "dashboard-screenshots");

    public async Task InitializeAsync()
    {
        Repo.Commit("the hello app", ("hello.yaml", await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "examples", "hello", "hello.yaml"))),
            ("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: blue}\n"),
            ("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: never-on-a-page}\n"),
            ("ticker.yaml", Ticker));
        var tokenFile = Path.Combine(Home, "dashboard.token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        var port = NatsServerProcess.FreePort();
        Url = $"http://127.0.0.1:{port}";
        _up = GitorchProcess.Start(Home, ["up", "--repo", Repo.Path, "--runtime", "process", "--pod-network", "none", "--interval", "00:00:00.5",
            "--dashboard-listen", $"127.0.0.1:{port}", "--dashboard-token-file", tokenFile, .. Store]);
        using var http = new HttpClient();
        await Eventually.WaitAsync(async () => await PageAsync(http, "/"), page => page.Contains("id=\"applied-commit\""), Timeout,
            $"the dashboard at {Url} to show the first release; up said: {_up.Output}");
        Browser = await LaunchChromiumAsync();
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>Debian's Chromium, headless; browsers cannot be downloaded here. As root it needs --no-sandbox.</summary>
    public static Task<IBrowser> LaunchChromiumAsync() => Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });

    private async Task<string> PageAsync(HttpClient http, string path)
    {
        try
        {
            return await http.GetStringAsync(Url + path);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    /// <summary>A new tab at this size, waiting up to the fixture's timeout for anything it is asked to wait for.</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1280, int height = 800)
    {
        var page = await Browser.NewPageAsync();
        page.DefaultTimeout = (int)Timeout.TotalMilliseconds;
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        var response = await page.GoToAsync(Url + path, WaitUntilNavigation.Load);
        Assert.True(response.Status == HttpStatusCode.OK, $"GET {path} answered {response.Status}");
        return page;
    }

    /// <summary>Logs the tab in through the login form, as a user types the token.</summary>
    public async Task LogInAsync(IPage page)
    {
        await page.GoToAsync(Url + "/login");
        await page.TypeAsync("#token", Token);
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("form.login button"));
    }

    public Task<CommandResult> CliAsync(params string[] arguments) => GitorchProcess.RunAsync(Home, [.. arguments, .. Store]);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        await _up.DisposeAsync();
        Repo.Dispose();
        _home.Delete(recursive: true);
    }

    public void Log(ITestOutputHelper log) => log.WriteLine(_up.Output);
}
