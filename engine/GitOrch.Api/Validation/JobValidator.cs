using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>Jobs and CronJobs: counts, a restartPolicy a finished pod can have, and a schedule that parses.</summary>
internal static class JobValidator
{
    public static void Job(JobSpec spec, string path, Checks checks)
    {
        checks.NotNegative(Child(path, "parallelism"), spec.Parallelism);
        checks.NotNegative(Child(path, "completions"), spec.Completions);
        checks.NotNegative(Child(path, "backoffLimit"), spec.BackoffLimit);
        checks.AtLeast(Child(path, "activeDeadlineSeconds"), spec.ActiveDeadlineSeconds, 1);
        checks.NotNegative(Child(path, "ttlSecondsAfterFinished"), spec.TtlSecondsAfterFinished);
        checks.OneOf(Child(path, "completionMode"), spec.CompletionMode, "NonIndexed", "Indexed");
        var restartPolicy = Child(Child(Child(path, "template"), "spec"), "restartPolicy");
        if (spec.Template.Spec.RestartPolicy is not ("OnFailure" or "Never"))
            checks.Fail(restartPolicy, spec.Template.Spec.RestartPolicy is null ? "is required and must be OnFailure or Never" : $"\"{spec.Template.Spec.RestartPolicy}\" must be OnFailure or Never");
        if (spec.ManualSelector == true)
            WorkloadValidator.SelectedTemplate(spec.Selector, spec.Template, path, checks);
        else
            WorkloadValidator.Template(spec.Template, Child(path, "template"), checks);
    }

    public static void CronJob(CronJobSpec spec, Checks checks)
    {
        if (CronSchedule.Problem(spec.Schedule, spec.TimeZone) is { } problem)
            checks.Fail(Child("spec", problem.Field), problem.Message);
        checks.OneOf("spec.concurrencyPolicy", spec.ConcurrencyPolicy, "Allow", "Forbid", "Replace");
        checks.NotNegative("spec.startingDeadlineSeconds", spec.StartingDeadlineSeconds);
        checks.NotNegative("spec.successfulJobsHistoryLimit", spec.SuccessfulJobsHistoryLimit);
        checks.NotNegative("spec.failedJobsHistoryLimit", spec.FailedJobsHistoryLimit);
        MetadataValidator.Template(spec.JobTemplate.Metadata, "spec.jobTemplate.metadata", checks);
        Job(spec.JobTemplate.Spec, "spec.jobTemplate.spec", checks);
    }
}
