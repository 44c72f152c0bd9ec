using System.Net;
using System.Text;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Dashboard.Tests;

/// <summary>Logins, CSRF, read-only without a token, the security headers, and Secret values that never reach a page or the live stream.</summary>
public sealed class DashboardSecurityTests
{
    private const string SecretValue = "hunter2-do-not-show";

    [Fact]
    public async Task An_action_without_a_login_gets_401_with_a_wrong_CSRF_token_403_and_neither_changes_anything()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.CommitAndApplyAsync("green", ("web.yaml", ManifestBuilders.ConfigMap("  color: green\n", "web")));

        var anonymous = await host.PostAsync("/actions/rollback", ("release", "1"), ("csrf", "x"));
        var login = await host.LogInAsync();
        var forged = await host.PostAsync("/actions/rollback", ("release", "1"), ("csrf", "0123456789abcdef"));
        var missing = await host.PostAsync("/actions/rollback", ("release", "1"));
        var pinBefore = await host.GitOps.ReadPinAsync(CancellationToken.None);
        var done = await host.PostAsync("/actions/rollback", ("release", "1"), ("csrf", await host.CsrfAsync()));
        var pin = await host.GitOps.ReadPinAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Null(pinBefore);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("rolled back to release 1", await done.Content.ReadAsStringAsync());
        Assert.Equal(1, pin?.Release);
        var events = await new ObjectClient(host.Store).ListAsync<GitOrch.Api.Model.Event>();
        Assert.Contains(events, e => e.Reason == "DashboardAction" && e.Message.StartsWith("admin (dashboard): rolled back to release 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_token_does_not_log_in_and_without_a_token_the_dashboard_shows_no_action_and_refuses_every_one()
    {
        await using var withToken = await DashboardHost.StartAsync();
        var wrong = await withToken.LogInAsync("not-the-token-at-all");
        await using var readOnly = await DashboardHost.StartAsync(token: null);
        var page = await readOnly.Http.GetStringAsync("/releases");
        var login = await readOnly.LogInAsync("anything-at-all-000");
        var sync = await readOnly.PostAsync("/actions/sync", ("csrf", "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("name=\"csrf\"", page);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sync.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/apps")]
    [InlineData("/assets/app.js")]
    [InlineData("/objects/configmaps/default/web")]
    public async Task Every_answer_forbids_inline_script_and_framing(string path)
    {
        await using var host = await DashboardHost.StartAsync();

        var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_Secrets_value_is_absent_from_every_page_and_from_the_live_stream()
    {
        var secret = ManifestBuilders.Secret($"stringData:\n  password: {SecretValue}\n");
        await using var host = await DashboardHost.StartAsync(DashboardHost.Token, ("s.yaml", secret));
        using var live = await host.Http.GetAsync("/live", HttpCompletionOption.ResponseHeadersRead);
        var stream = await live.Content.ReadAsStreamAsync();
        await host.CommitAndApplyAsync("a new password", ("s.yaml", secret.Replace(SecretValue, SecretValue + "-2")));

        var pages = new List<string>();
        foreach (var path in new[] { "/", "/apps", "/releases", "/releases/1", "/releases/2", "/events", "/objects/secrets/default/s" })
            pages.Add(await host.Http.GetStringAsync(path));
        var streamed = await ReadForAsync(stream, TimeSpan.FromSeconds(2));

        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretValue));
        Assert.Contains("password", pages[^1]);
        Assert.Contains("update secret/default/s", pages[4]);
        Assert.Contains("event: change", streamed);
        foreach (var text in pages.Append(streamed))
        {
            Assert.DoesNotContain(SecretValue, text);
            Assert.DoesNotContain(encoded, text);
        }
    }

    private static async Task<string> ReadForAsync(Stream stream, TimeSpan time)
    {
        using var timeout = new CancellationTokenSource(time);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0) break;
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
        }
        return text.ToString();
    }
}
