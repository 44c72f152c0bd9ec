using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Runs a Job's pods until <c>completions</c> of them succeed, at most <c>parallelism</c> at a time.
/// More than <c>backoffLimit</c> failed pods, or running past <c>activeDeadlineSeconds</c>, fails the
/// Job and stops its pods. A finished Job is deleted <c>ttlSecondsAfterFinished</c> later.
/// </summary>
public sealed class JobController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.Job;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Pod];

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var job = await Client.GetAsync<Job>(ns, name, cancellationToken);
        if (job is null) return ReconcileResult.Done;
        var now = Clock.GetUtcNow();
        if (FinishedAt(job) is { } finished) return await ExpireAsync(job, finished, now, cancellationToken);

        var pods = PodFactory.OwnedBy(await Client.ListAsync<Pod>(ns, cancellationToken: cancellationToken), job).ToList();
        var active = pods.Where(pod => !PodConditions.IsFinished(pod)).ToList();
        var succeeded = pods.Count(pod => pod.Status?.Phase == PodPhases.Succeeded);
        var failed = pods.Count(pod => pod.Status?.Phase == PodPhases.Failed);
        var completions = job.Spec.Completions ?? 1;
        var started = job.Status?.StartTime ?? now;
        var deadline = job.Spec.ActiveDeadlineSeconds is { } seconds ? started + TimeSpan.FromSeconds(seconds) : (DateTimeOffset?)null;

        Condition? outcome = null;
        if (failed > (job.Spec.BackoffLimit ?? 6))
            outcome = Finish(JobConditions.Failed, "BackoffLimitExceeded", $"{failed} pods failed, more than the backoff limit of {job.Spec.BackoffLimit ?? 6}", now);
        else if (deadline <= now)
            outcome = Finish(JobConditions.Failed, "DeadlineExceeded", $"the job ran longer than {job.Spec.ActiveDeadlineSeconds}s", now);
        else if (succeeded >= completions)
            outcome = Finish(JobConditions.Complete, "Completed", $"{succeeded} of {completions} pods succeeded", now);

        var refused = false;
        if (outcome is not null || job.Spec.Suspend == true)
        {
            foreach (var pod in active) await Client.DeleteAsync(pod, cancellationToken);
            active.Clear();
        }
        else
        {
            var wanted = Math.Min(job.Spec.Parallelism ?? 1, completions - succeeded);
            if (wanted > active.Count)
            {
                var admitted = await PodAdmission.AdmitAsync(Context, job, job.Spec.Template, wanted - active.Count, cancellationToken);
                refused = admitted.Pods < wanted - active.Count;
                active.AddRange(await SlowStart.CreateAsync(admitted.Pods, () => Client.CreateAsync(NewPod(job, admitted.Template), cancellationToken), cancellationToken));
            }
        }

        var status = new JobStatus
        {
            Active = active.Count,
            Succeeded = succeeded,
            Failed = failed,
            StartTime = started,
            CompletionTime = outcome?.Type == JobConditions.Complete ? now : null,
            Conditions = outcome is null ? job.Status?.Conditions : [outcome],
        };
        if (status != job.Status) await Client.PutStatusAsync(job, status, cancellationToken);
        if (outcome is not null)
        {
            await Events.RecordAsync(job, outcome.Type == JobConditions.Complete ? EventTypes.Normal : EventTypes.Warning, outcome.Reason!, outcome.Message!, cancellationToken);
            Logger.LogInformation("Job {Namespace}/{Name} finished: {Reason}", ns, name, outcome.Reason);
            return job.Spec.TtlSecondsAfterFinished is { } ttl ? ReconcileResult.After(TimeSpan.FromSeconds(ttl)) : ReconcileResult.Done;
        }
        if (refused) return ReconcileResult.After(PodAdmission.RetryAfter);
        return deadline is { } due ? ReconcileResult.After(due - now) : ReconcileResult.Done;
    }

    /// <summary>When the job completed or failed, or null while it runs.</summary>
    public static DateTimeOffset? FinishedAt(Job job) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type is JobConditions.Complete or JobConditions.Failed && c.Status == "True")?.LastTransitionTime;

    private async Task<ReconcileResult> ExpireAsync(Job job, DateTimeOffset finished, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (job.Spec.TtlSecondsAfterFinished is not { } ttl) return ReconcileResult.Done;
        var expires = finished + TimeSpan.FromSeconds(ttl);
        if (expires > now) return ReconcileResult.After(expires - now);
        await Client.DeleteAsync(job, cancellationToken);
        Logger.LogInformation("Deleted job {Namespace}/{Name}: finished more than {Ttl}s ago", job.Namespace, job.Name, ttl);
        return ReconcileResult.Done;
    }

    private static Condition Finish(string type, string reason, string message, DateTimeOffset now) =>
        new() { Type = type, Status = "True", Reason = reason, Message = message, LastTransitionTime = now, LastProbeTime = now };

    private static Pod NewPod(Job job, PodTemplateSpec template)
    {
        var labels = new Dictionary<string, string> { [WellKnown.JobName] = job.Name, [WellKnown.ControllerUid] = job.Metadata.Uid ?? "" };
        return PodFactory.FromTemplate(job, template, $"{job.Name}-{RandomSuffix.Next()}", labels);
    }
}
