using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Deleting a Namespace deletes every object in it. Only a deletion the shared cache saw counts: a
/// namespace that was never declared as an object, such as <c>default</c>, is left alone.
/// </summary>
public sealed class NamespaceController(ControllerContext context)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<NamespaceController>();
    private readonly WorkQueue _deleted = new(context.Clock);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        context.Informers.For(Kinds.Namespace).Changed += (key, before, after) =>
        {
            if (before is not null && after is null) _deleted.Add(ObjectKeys.Parse(key).Name);
        };
        var watch = await context.Informers.WaitForSyncAsync([Kinds.Namespace], cancellationToken);
        await Task.WhenAll(watch, _deleted.ProcessAsync(ns => DeleteContentsWithRetryAsync(ns, cancellationToken), cancellationToken));
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
