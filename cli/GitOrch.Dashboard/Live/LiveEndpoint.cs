using Microsoft.AspNetCore.Http;

namespace GitOrch.Dashboard.Live;

/// <summary>
/// <c>GET /live?topics=pods,meta</c>: Server-Sent Events, one <c>change</c> event per store change in
/// those topics, which tells the page to fetch its main part again. A comment every 15 s keeps proxies
/// from closing an idle stream.
/// </summary>
internal static class LiveEndpoint
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, ChangeFeed feed)
    {
        var topics = context.Request.Query["topics"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        var cancellationToken = context.RequestAborted;
        var reader = feed.Subscribe();
        try
        {
            await context.Response.WriteAsync("retry: 2000\n\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(KeepAlive);
                string message;
                try
                {
                    var topic = await reader.ReadAsync(wait.Token);
                    if (topics.Count > 0 && !topics.Contains(topic)) continue;
                    message = $"event: change\ndata: {topic}\n\n";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    message = ": keep-alive\n\n";
                }
                await context.Response.WriteAsync(message, cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            feed.Unsubscribe(reader);
        }
    }
}
