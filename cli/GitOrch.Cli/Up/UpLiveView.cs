using GitOrch.Api.Model;
using GitOrch.Cli.Output;
using GitOrch.Store;
using Spectre.Console;
using Spectre.Console.Rendering;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Up;

/// <summary><c>up</c>'s live view on a terminal: the latest release and every pod, redrawn each second from the store.</summary>
public sealed class UpLiveView(ObjectClient client, TextWriter output)
{
    private readonly GitOps _gitops = new(client.Store);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var console = Terminal.ConsoleFor(output);
        await console.Live(new Text("starting…")).AutoClear(false).StartAsync(async live =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    live.UpdateTarget(await RenderAsync(cancellationToken));
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
            }
        });
    }

    private async Task<IRenderable> RenderAsync(CancellationToken cancellationToken)
    {
        var release = await _gitops.CurrentReleaseAsync(cancellationToken);
        var sync = release is null
            ? "sync: the first sync is running; up.log shows its steps"
            : $"sync: release {release.Number}, commit {release.ShortCommit} \"{release.Message}\" by {release.Author}, applied {Age.Format(release.AppliedAt)} ago";
        var failure = await _gitops.ReadFailureAsync(cancellationToken);
        var pods = await client.ListAsync(Kinds.Pod, null, null, cancellationToken);
        IRenderable podView = pods.Count == 0
            ? new Text("no pods")
            : TextTable.Build(ObjectPrinter.Header(Kinds.Pod, showNamespace: true, wide: true), ObjectPrinter.Rows(Kinds.Pod, pods, showNamespace: true, wide: true));
        var syncFailure = failure is null ? new Text("") : new Text($"last sync failed at commit {failure.Commit[..Math.Min(7, failure.Commit.Length)]}: {failure.Error}", new Style(Color.Red));
        return new Rows(new Text(sync, new Style(decoration: Decoration.Bold)), syncFailure, podView, new Text(""), new Text("Ctrl-C stops.", new Style(Color.Grey)));
    }
}
