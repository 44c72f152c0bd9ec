using System.CommandLine;
using GitOrch.Engine.Git;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli;

/// <summary>The options that <c>up</c> and <c>server</c> share: which repository and revision, how to sync, where to listen for webhooks.</summary>
public sealed class SyncOptions(string? defaultListen)
{
    public Option<string> Repo { get; } = CommonOptions.Repo(required: true);
    public Option<string?> Path { get; } = new("--path") { Description = "The manifest folder inside a remote repository" };
    public Option<string> Revision { get; } = CommonOptions.Revision();

    public Option<TimeSpan?> Interval { get; } = new("--interval")
    {
        Description = "How often to poll the repository for new commits (default 2s for a local path, 30s for a remote)",
    };

    public Option<bool> SelfHeal { get; } = new("--self-heal")
    {
        Description = "Restore git-managed objects that someone changed in the store, and record an event for each",
    };

    public Option<bool> PruneOrphans { get; } = new("--prune-orphans")
    {
        Description = "Delete, every round, objects that no commit declares and nothing owns (claims and volumes are only reported)",
    };

    public Option<bool> Replace { get; } = CommonOptions.ReplaceSource();

    public Option<string?> Listen { get; } = new("--listen")
    {
        Description = "Where to serve POST /hooks/git, which syncs at once (host:port; 'off' to disable)",
        DefaultValueFactory = _ => defaultListen,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string?>() is { } address and not "off" && ListenAddress.Url(address) is null)
                    result.AddError($"--listen \"{address}\": expected host:port with a port from 1 to 65535, such as 127.0.0.1:7480, or off");
            },
        },
    };

    public Option<FileInfo?> WebhookSecretFile { get; } = new("--webhook-secret-file")
    {
        Description = "File holding the secret your Git host signs push hooks with; hooks without a valid signature get 401",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Repo, Path, Revision, Interval, SelfHeal, PruneOrphans, Replace, Listen, WebhookSecretFile })
            command.Options.Add(option);
    }

    public ManifestRepository OpenRepository(ParseResult parse) => ManifestRepository.Open(parse.GetValue(Repo)!, parse.GetValue(Path));

    /// <summary>
    /// Refuses a repository other than the one the store follows (unless <c>--replace</c>), prepares the auto-sync and starts the webhook now, when a listen address is set, so that a port
    /// in use fails before anything runs. The caller runs the sync's loop, and disposes to stop the webhook.
    /// </summary>
    public async Task<PreparedSync> PrepareAsync(ParseResult parse, ManifestRepository repository, ObjectClient client, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await new GitOps(client.Store, repository).EnsureSameSourceAsync(parse.GetValue(Replace), cancellationToken);
        var interval = parse.GetValue(Interval) ?? TimeSpan.FromSeconds(repository.IsRemote ? 30 : 2);
        var options = new SyncLoopOptions(parse.GetValue(Revision)!, interval, parse.GetValue(SelfHeal), parse.GetValue(PruneOrphans));
        var loop = new GitSyncLoop(repository, client, loggers.CreateLogger<GitSyncLoop>(), options);
        var webhook = parse.GetValue(Listen) is { } address and not "off"
            ? await WebhookServer.StartAsync(address, await ReadSecretAsync(parse, cancellationToken), loop, cancellationToken)
            : null;
        return new PreparedSync(loop, webhook);
    }

    /// <summary>The secret without a trailing newline, which editors and <c>echo</c> add.</summary>
    private async Task<byte[]?> ReadSecretAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(WebhookSecretFile) is not { } file) return null;
        if (!file.Exists) throw new ArgumentException($"--webhook-secret-file {file.FullName}: no such file");
        var secret = (await File.ReadAllTextAsync(file.FullName, cancellationToken)).TrimEnd('\r', '\n');
        return secret.Length > 0 ? System.Text.Encoding.UTF8.GetBytes(secret) : throw new ArgumentException($"--webhook-secret-file {file.FullName}: the file is empty");
    }
}

/// <summary>An auto-sync ready to run, with its webhook already serving.</summary>
public sealed record PreparedSync(GitSyncLoop Loop, IAsyncDisposable? Webhook) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Webhook?.DisposeAsync() ?? ValueTask.CompletedTask;
}
