using GitOrch.Api.Model;

namespace GitOrch.Engine.Controllers;

public static class PodConditions
{
    public const string Ready = "Ready";
    public const string Scheduled = "PodScheduled";

    public static bool IsReady(Pod pod) =>
        pod.Status?.Conditions?.Any(condition => condition.Type == Ready && condition.Status == "True") == true;
}
