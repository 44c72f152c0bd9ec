using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.AspNetCore.Http;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>A container's logs, followed: the page opens the log stream, and each new line is added as it comes.</summary>
internal static class PodLogsView
{
    public static async Task<Page> RenderAsync(ViewRequest request, string ns, string name)
    {
        var pod = await request.Settings.Client.GetAsync<Pod>(ns, name, request.CancellationToken) ?? throw new NotFoundException($"pod/{name}");
        var container = Container(request, pod);
        var choices = string.Join(" ", pod.Spec.Containers.Select(candidate => candidate.Name == container
            ? $"<strong aria-current=\"true\">{E(candidate.Name)}</strong>"
            : Link($"/pods/{ns}/{name}/logs?container={Uri.EscapeDataString(candidate.Name)}", candidate.Name)));
        var body = request.Settings.Logs is null
            ? "<p>This dashboard has no way to the agents, so it shows no logs; use gitorch logs.</p>"
            : $"<pre id=\"log\" tabindex=\"0\" aria-label=\"logs of container {E(container)}\" aria-live=\"off\" data-log-stream=\"/pods/{E(ns)}/{E(name)}/logs/stream?container={E(Uri.EscapeDataString(container))}\"></pre>";
        return new Page($"Logs of {name}", [], Heading($"Logs of pod/{name}") + $"<p>{ObjectLinks.Link(pod)}, container: {choices}</p>" + body);
    }

    /// <summary>
    /// <c>GET /pods/NS/NAME/logs/stream?container=C</c>: Server-Sent Events, one <c>data:</c> per log line,
    /// the last 200 lines and then each new one until the page closes.
    /// </summary>
    public static async Task StreamAsync(DashboardSettings settings, HttpContext context, string ns, string name)
    {
        var cancellationToken = context.RequestAborted;
        var pod = await settings.Client.GetAsync<Pod>(ns, name, cancellationToken);
        if (pod is null || settings.Logs is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            await using var logs = await settings.Logs(pod, Container(new ViewRequest(settings, context, null), pod), true, cancellationToken);
            using var reader = new StreamReader(logs);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                await context.Response.WriteAsync($"data: {line.Replace("\r", "")}\n\n", cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (IOException e)
        {
            await context.Response.WriteAsync($"event: failed\ndata: {e.Message.ReplaceLineEndings(" ")}\n\n", CancellationToken.None);
        }
    }

    private static string Container(ViewRequest request, Pod pod)
    {
        var asked = request.Context.Request.Query["container"].ToString();
        return pod.Spec.Containers.Any(container => container.Name == asked) ? asked : pod.Spec.Containers[0].Name;
    }
}
