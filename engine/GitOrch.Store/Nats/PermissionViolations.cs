using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using NATS.Client.Core;

namespace GitOrch.Store.Nats;

/// <summary>
/// Turns the server's asynchronous <c>Permissions Violation for Publish to "SUBJECT"</c> errors into a
/// failure of the write that published to that subject, at once and not after the request times out.
/// </summary>
internal sealed partial class PermissionViolations
{
    private readonly ConcurrentDictionary<TaskCompletionSource, string> _waiting = new();
    private readonly string _identity;

    public PermissionViolations(NatsConnection connection, string identity)
    {
        _identity = identity;
        connection.ServerError += (_, error) =>
        {
            if (PublishViolation().Match(error.Error) is { Success: true } match)
                foreach (var (waiter, subject) in _waiting)
                    if (subject == match.Groups[1].Value)
                        waiter.TrySetException(Denied(subject));
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>Runs a write that publishes to <paramref name="subject"/>; a violation on that subject fails it with <see cref="PermissionDeniedException"/>.</summary>
    public async Task<T> GuardAsync<T>(string subject, Func<Task<T>> write)
    {
        var violation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[violation] = subject;
        try
        {
            var attempt = write();
            if (await Task.WhenAny(attempt, violation.Task) == violation.Task)
            {
                _ = attempt.ContinueWith(static failed => _ = failed.Exception, TaskContinuationOptions.OnlyOnFaulted);
                await violation.Task;
            }
            return await attempt;
        }
        catch (Exception e) when (e is not PermissionDeniedException && violation.Task.IsFaulted)
        {
            throw Denied(subject);
        }
        finally
        {
            _waiting.TryRemove(violation, out _);
        }
    }

    private PermissionDeniedException Denied(string subject) =>
        new($"permission denied: {_identity} may not publish to {subject}");

    [GeneratedRegex("Permissions Violation for Publish to \"([^\"]+)\"")]
    private static partial Regex PublishViolation();
}
