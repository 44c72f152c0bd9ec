using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Starts a Job from a CronJob's template at each scheduled time, in the CronJob's time zone. A run
/// missed by more than startingDeadlineSeconds is skipped; concurrencyPolicy decides what happens while
/// an earlier run is still going (Allow, Forbid, Replace); suspend stops new runs; finished Jobs beyond
/// the history limits are deleted, oldest first.
/// </summary>
public sealed class CronJobController(ControllerContext context) : Controller(context)
{
    private const int MaxMissedRunsToScan = 1000;

    protected override KindInfo Primary => Kinds.CronJob;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Job];

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var cronJob = await Client.GetAsync<CronJob>(ns, name, cancellationToken);
        if (cronJob is null) return ReconcileResult.Done;
        // Loading from Git refuses a bad schedule; one that reached the store another way cannot be fixed by retrying.
        var schedule = CronSchedule.TryParse(cronJob.Spec.Schedule, cronJob.Spec.TimeZone, out var problem)
                       ?? throw new TerminalException($"CronJob {ns}/{name}: spec.{problem!.Value.Field}: {problem.Value.Message}");
        var now = Clock.GetUtcNow();
        var jobs = (await Client.ListAsync<Job>(ns, cancellationToken: cancellationToken)).Where(job => job.IsOwnedBy(cronJob)).ToList();
        var active = jobs.Where(job => JobController.FinishedAt(job) is null).ToList();
        var status = cronJob.Status ?? new CronJobStatus();

        if (cronJob.Spec.Suspend != true && LatestMissedRun(schedule, status.LastScheduleTime ?? cronJob.Metadata.CreationTimestamp ?? now, now) is { } due)
        {
            var late = now - due;
            if (cronJob.Spec.StartingDeadlineSeconds is { } deadline && late > TimeSpan.FromSeconds(deadline))
                await Events.RecordAsync(cronJob, EventTypes.Warning, "MissSchedule", $"Missed the run at {due:u} by more than {deadline}s", cancellationToken);
            else if (cronJob.Spec.ConcurrencyPolicy == "Forbid" && active.Count > 0)
                await Events.RecordAsync(cronJob, EventTypes.Normal, "JobAlreadyActive", $"Skipped the run at {due:u}: an earlier run is still active", cancellationToken);
            else
            {
                if (cronJob.Spec.ConcurrencyPolicy == "Replace")
                {
                    foreach (var job in active) await Client.DeleteAsync(job, cancellationToken);
                    active.Clear();
                }
                active.Add(await StartAsync(cronJob, due, cancellationToken));
            }
            status = status with { LastScheduleTime = due };
        }
        await PruneHistoryAsync(cronJob, jobs, cancellationToken);
        status = status with
        {
            Active = active.Count == 0 ? null : active.Select(job => new ObjectReference { Kind = job.Kind, Namespace = job.Namespace, Name = job.Name, Uid = job.Metadata.Uid }).ToList(),
            LastSuccessfulTime = jobs.Where(job => job.Status?.CompletionTime is not null).Select(job => job.Status!.CompletionTime).Append(status.LastSuccessfulTime).Max(),
        };
        if (!SameStatus(status, cronJob.Status)) await Client.PutStatusAsync(cronJob, status, cancellationToken);
        return schedule.Next(now) is { } next ? ReconcileResult.After(next - now) : ReconcileResult.Done;
    }

    /// <summary>The most recent scheduled time after <paramref name="since"/> and not after now.</summary>
    public static DateTimeOffset? LatestMissedRun(CronSchedule schedule, DateTimeOffset since, DateTimeOffset now)
    {
        DateTimeOffset? latest = null;
        for (var (next, scanned) = (schedule.Next(since), 0); next is { } time && time <= now && scanned < MaxMissedRunsToScan; next = schedule.Next(time), scanned++)
            latest = time;
        return latest;
    }

    /// <summary>The job's name carries the scheduled minute, so a retried reconcile cannot start the same run twice.</summary>
    private async Task<Job> StartAsync(CronJob cronJob, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var template = cronJob.Spec.JobTemplate;
        var job = new Job
        {
            ApiVersion = Kinds.Job.ApiVersion,
            Kind = Kinds.Job.Kind,
            Metadata = template.Metadata with
            {
                Name = $"{cronJob.Name}-{(due.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}",
                Namespace = cronJob.Namespace,
                OwnerReferences = [cronJob.AsControllerReference()],
            },
            Spec = template.Spec,
        };
        try
        {
            job = await Client.CreateAsync(job, cancellationToken);
            await Events.RecordAsync(cronJob, EventTypes.Normal, "SuccessfulCreate", $"Created job {job.Name}", cancellationToken);
            return job;
        }
        catch (ConflictException)
        {
            return await Client.GetAsync<Job>(job.Namespace, job.Name, cancellationToken) ?? job;
        }
    }

    private async Task PruneHistoryAsync(CronJob cronJob, List<Job> jobs, CancellationToken cancellationToken)
    {
        var finished = jobs.Where(job => JobController.FinishedAt(job) is not null).OrderBy(job => JobController.FinishedAt(job)).ToList();
        var succeeded = finished.Where(job => job.Status?.CompletionTime is not null).ToList();
        var failed = finished.Except(succeeded).ToList();
        var doomed = succeeded.Take(Math.Max(0, succeeded.Count - (cronJob.Spec.SuccessfulJobsHistoryLimit ?? 3)))
            .Concat(failed.Take(Math.Max(0, failed.Count - (cronJob.Spec.FailedJobsHistoryLimit ?? 1))));
        foreach (var job in doomed)
            await Client.DeleteAsync(job, cancellationToken);
    }

    private static bool SameStatus(CronJobStatus a, CronJobStatus? b) =>
        b is not null && a.LastScheduleTime == b.LastScheduleTime && a.LastSuccessfulTime == b.LastSuccessfulTime
        && (a.Active ?? []).SequenceEqual(b.Active ?? []);
}
