using System.CommandLine;
using System.Security.Cryptography;
using GitOrch.Agent.Hosting;
using GitOrch.Dashboard;
using GitOrch.Engine.Git;
using GitOrch.Engine.Sync;
using GitOrch.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace GitOrch.Cli;

/// <summary>The dashboard, once serving: its URL, and the token that logs a user in for actions (null: read-only).</summary>
public sealed record RunningDashboard(string Url, string? Token, WebApplication App, DashboardApp Dashboard) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Dashboard.DisposeAsync();
    }
}

/// <summary>
/// <c>--dashboard-listen</c> and <c>--dashboard-token-file</c>, for <c>up</c> and <c>server</c>. Without a
/// token the dashboard is read-only and must stay on loopback; <c>up</c> makes a token of its own.
/// </summary>
public sealed class DashboardFlags(bool makesToken)
{
    public const string DefaultAddress = "127.0.0.1:7481";

    public Option<string> Listen { get; } = new("--dashboard-listen")
    {
        Description = $"Where to serve the web dashboard (host:port; 'off' to disable; env GITORCH_DASHBOARD_LISTEN; default {DefaultAddress})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GITORCH_DASHBOARD_LISTEN") is { Length: > 0 } address ? address : DefaultAddress,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string>() is { } address and not "off" && ListenAddress.Url(address) is null)
                    result.AddError($"--dashboard-listen \"{address}\": expected host:port with a port from 1 to 65535, such as {DefaultAddress}, or off");
            },
        },
    };

    public Option<FileInfo?> TokenFile { get; } = new("--dashboard-token-file")
    {
        Description = "File holding the token that logs dashboard users in for actions; without one the dashboard is read-only" +
                      (makesToken ? " (up makes one and prints it)" : ""),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Listen);
        command.Options.Add(TokenFile);
    }

    /// <summary>
    /// Binds and starts serving, or returns null when the flag says off. A default address that another
    /// gitorch holds is passed over with a warning; an address given on purpose must bind.
    /// </summary>
    public async Task<RunningDashboard?> StartAsync(ParseResult parse, IObjectStore store, ManifestRepository repository, TextWriter warnings, CancellationToken cancellationToken)
    {
        var address = parse.GetValue(Listen)!;
        if (address == "off") return null;
        var url = ListenAddress.Url(address)!;
        var token = await TokenAsync(parse, cancellationToken);
        if (token is null && !ListenAddress.IsLoopback(url))
            throw new ArgumentException($"--dashboard-listen {address} is reachable from other machines: give --dashboard-token-file so that only users with the token can act");

        var client = new ObjectClient(store);
        var dashboard = new DashboardApp(new DashboardSettings(new GitOps(store, repository), client, repository, token) { Logs = AgentLogs(client) });
        var builder = LocalWebApp.CreateBuilder();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        dashboard.Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
            return new RunningDashboard(url, token, app, dashboard);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            await dashboard.DisposeAsync();
            if (parse.GetResult(Listen) is { Implicit: true })
            {
                await warnings.WriteLineAsync($"warning: the dashboard is not served: {address} is in use (another gitorch?); give --dashboard-listen to choose another address");
                return null;
            }
            throw new ArgumentException($"--dashboard-listen {address}: {e.Message}");
        }
    }

    /// <summary>Logs through the pod's node's agent, as 'gitorch logs' reads them, with this process's credentials.</summary>
    private static PodLogSource AgentLogs(ObjectClient client) => async (pod, container, follow, cancellationToken) =>
    {
        try
        {
            var response = await AgentConnection.SendAsync(client, null, pod, HttpMethod.Get,
                $"logs?follow={follow}&tail=200&container={Uri.EscapeDataString(container)}", null, cancellationToken);
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception e) when (e is AgentAnswerException or GitOrch.Agent.RuntimeUnavailableException)
        {
            throw new IOException(e.Message, e);
        }
    };

    private async Task<string?> TokenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(TokenFile) is { } file)
        {
            if (!file.Exists) throw new ArgumentException($"--dashboard-token-file {file.FullName}: no such file");
            var token = (await File.ReadAllTextAsync(file.FullName, cancellationToken)).Trim();
            return token.Length >= 16 ? token : throw new ArgumentException($"--dashboard-token-file {file.FullName}: a token needs at least 16 characters");
        }
        return makesToken ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null;
    }
}
