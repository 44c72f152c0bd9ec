using GitOrch.Api.Model;
using GitOrch.Api.Policy;
using GitOrch.Engine.Reconciling;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Checked before a controller creates pods from a template, as Kubernetes admits a pod:
/// <list type="bullet">
/// <item>a spec that breaks its namespace's Pod Security level is never created, and the reconcile stops until the owner changes;</item>
/// <item>the namespace's LimitRanges fill in missing requests and limits, and refuse amounts outside their bounds;</item>
/// <item>its ResourceQuotas decide how many of the pods fit.</item>
/// </list>
/// Each refusal gives the owner a FailedCreate event with the reason. A controller told that fewer pods
/// fit than it asked for looks again after <see cref="RetryAfter"/>, so pods follow once room is made.
/// </summary>
public static class PodAdmission
{
    /// <summary>The template to create pods from (with the ranges' defaults), and how many of the pods asked for may be created.</summary>
    public sealed record Admitted(PodTemplateSpec Template, int Pods);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static async Task<Admitted> AdmitAsync(ControllerContext context, KubeObject owner, PodTemplateSpec template, int wanted, CancellationToken cancellationToken)
    {
        var ns = owner.Namespace ?? WellKnown.DefaultNamespace;
        var level = PodSecurityStandards.LevelOf(await context.Client.GetAsync<Namespace>(null, ns, cancellationToken));
        if (PodSecurityStandards.FirstViolation(template.Spec, level) is { } violation)
            throw new TerminalException(await RefuseAsync(context, owner, violation, cancellationToken));

        _ = await context.Informers.WaitForSyncAsync([Kinds.LimitRange, Kinds.ResourceQuota], cancellationToken);
        var ranges = InNamespace<LimitRange>(context, Kinds.LimitRange, ns);
        var spec = LimitRangeDefaults.Apply(template.Spec, ranges);
        if (LimitRangeDefaults.FirstViolation(spec, ranges) is { } outOfRange)
        {
            await RefuseAsync(context, owner, outOfRange, cancellationToken);
            return new Admitted(template, 0);
        }

        var fits = wanted;
        var quotas = InNamespace<ResourceQuota>(context, Kinds.ResourceQuota, ns);
        if (quotas.Count > 0)
        {
            var used = await NamespaceUsageReader.ReadAsync(context.Client, ns, cancellationToken);
            var demand = PodDemand.Of(spec);
            var tightest = quotas.Select(quota => QuotaCheck.PodsThatFit(quota, used, demand, wanted)).MinBy(fit => fit.Pods);
            if (tightest.Refusal is { } refusal) await RefuseAsync(context, owner, refusal, cancellationToken);
            fits = tightest.Pods;
        }
        return new Admitted(template with { Spec = spec }, fits);
    }

    private static List<T> InNamespace<T>(ControllerContext context, KindInfo kind, string ns) where T : KubeObject =>
        [.. context.Informers.For(kind).Objects.OfType<T>().Where(obj => obj.Namespace == ns)];

    private static async Task<string> RefuseAsync(ControllerContext context, KubeObject owner, string reason, CancellationToken cancellationToken)
    {
        var message = $"pods for {owner.Kind} {owner.Name} are forbidden: {reason}";
        await context.Events.RecordAsync(owner, EventTypes.Warning, "FailedCreate", message, cancellationToken);
        return message;
    }
}
