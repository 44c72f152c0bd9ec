using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Deleting a Namespace deletes every object in it. Only a deletion seen on the watch counts: a
/// namespace that was never declared as an object, such as <c>default</c>, is left alone.
/// </summary>
public sealed class NamespaceController(ControllerContext context)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<NamespaceController>();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>();
        await foreach (var change in context.Client.Store.WatchAsync(Buckets.Objects, ObjectKeys.Prefix(Kinds.Namespace, null), 0, cancellationToken))
        {
            var name = ObjectClient.ParseKey(change.Key).Name;
            if (change.Type == WatchEventType.Put) seen.Add(name);
            else if (seen.Remove(name)) await DeleteContentsWithRetryAsync(name, cancellationToken);
        }
    }

    private async Task DeleteContentsWithRetryAsync(string ns, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var deleted = await DeleteContentsAsync(ns, cancellationToken);
                _logger.LogInformation("Namespace {Namespace} deleted with its {Count} objects", ns, deleted);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 10)
            {
                _logger.LogWarning("Deleting the contents of namespace {Namespace} failed, retrying: {Error}", ns, e.Message);
                await Task.Delay(Controller.Backoff(attempt), context.Clock, cancellationToken);
            }
        }
    }

    public async Task<int> DeleteContentsAsync(string ns, CancellationToken cancellationToken)
    {
        var deleted = 0;
        // Workloads before pods, so that no controller replaces a pod deleted here.
        foreach (var kind in Kinds.All.Where(kind => kind.Namespaced).OrderByDescending(kind => kind.ApplyOrder))
            foreach (var entry in await context.Client.Store.ListAsync(Buckets.Objects, ObjectKeys.Prefix(kind, ns), cancellationToken))
            {
                await context.Client.Store.DeleteAsync(Buckets.Objects, entry.Key, cancellationToken: cancellationToken);
                await context.Client.Store.DeleteAsync(Buckets.Status, entry.Key, cancellationToken: cancellationToken);
                deleted++;
            }
        return deleted;
    }
}
