using GitOrch.Api.Model;
using GitOrch.Api.Policy;
using GitOrch.Engine.Reconciling;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Checked before a controller creates a pod from a template: a spec that breaks its namespace's Pod
/// Security level is never created. The owner gets a FailedCreate event naming the field, and the
/// reconcile stops until the owner changes.
/// </summary>
public static class PodAdmission
{
    public static async Task AdmitAsync(ControllerContext context, KubeObject owner, PodSpec spec, CancellationToken cancellationToken)
    {
        var ns = await context.Client.GetAsync<Namespace>(null, owner.Namespace ?? WellKnown.DefaultNamespace, cancellationToken);
        if (PodSecurityStandards.FirstViolation(spec, PodSecurityStandards.LevelOf(ns)) is not { } violation) return;
        var message = $"pods for {owner.Kind} {owner.Name} are forbidden: {violation}";
        await context.Events.RecordAsync(owner, EventTypes.Warning, "FailedCreate", message, cancellationToken);
        throw new TerminalException(message);
    }
}
