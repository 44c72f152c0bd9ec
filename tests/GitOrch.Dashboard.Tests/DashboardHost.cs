using System.Net;
using GitOrch.Engine.Git;
using GitOrch.Engine.Sync;
using GitOrch.Store;
using GitOrch.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOrch.Dashboard.Tests;

/// <summary>The dashboard on a loopback port over an in-memory store and a real Git repository, with an HTTP client that keeps cookies.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string Token = "a-test-token-0123456789";

    private WebApplication _app = null!;
    private DashboardApp _dashboard = null!;

    public InMemoryObjectStore Store { get; } = new();
    public GitRepository Repo { get; } = new();
    public GitOps GitOps { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public static async Task<DashboardHost> StartAsync(string? token = Token, params (string File, string? Content)[] firstCommit)
    {
        var host = new DashboardHost();
        host.Repo.Commit("first", firstCommit.Length == 0 ? [("web.yaml", ManifestBuilders.ConfigMap("  color: blue\n", "web"))] : firstCommit);
        var repository = ManifestRepository.Open(host.Repo.Path);
        host.GitOps = new GitOps(host.Store, repository);
        await host.GitOps.ApplyAsync("HEAD", new ApplyOptions(), CancellationToken.None);
        host._dashboard = new DashboardApp(new DashboardSettings(host.GitOps, new ObjectClient(host.Store), repository, token));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        host._app = builder.Build();
        host._dashboard.Map(host._app);
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        return host;
    }

    /// <summary>Commits and applies, as a sync would.</summary>
    public async Task CommitAndApplyAsync(string message, params (string File, string? Content)[] files)
    {
        Repo.Commit(message, files);
        await GitOps.ApplyAsync("HEAD", new ApplyOptions(), CancellationToken.None);
    }

    public async Task<HttpResponseMessage> LogInAsync(string token = Token) =>
        await Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));

    /// <summary>The CSRF token the page's action forms carry.</summary>
    public async Task<string> CsrfAsync(string path = "/releases")
    {
        var page = await Http.GetStringAsync(path);
        var match = System.Text.RegularExpressions.Regex.Match(page, "name=\"csrf\" value=\"([0-9a-f]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"no CSRF token on {path}");
    }

    public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        Http.PostAsync(path, new FormUrlEncodedContent(fields.ToDictionary(field => field.Name, field => field.Value)));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        await _dashboard.DisposeAsync();
        Repo.Dispose();
    }
}
