using System.Net;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Dashboard.Tests;

/// <summary>The rollout and node actions do what their CLI verbs do, and each records an event that names the dashboard user.</summary>
public sealed class DashboardActionTests
{
    private const string Canary = "  strategy:\n    type: Canary\n    canary: {steps: [{setWeight: 25}, {pause: {}}]}\n";

    [Theory]
    [InlineData("promote", WellKnown.RolloutAction, "promote")]
    [InlineData("abort", WellKnown.RolloutAction, "abort")]
    [InlineData("retry", WellKnown.RolloutAction, "retry")]
    [InlineData("restart", WellKnown.RestartedAt, null)]
    public async Task A_rollout_action_sets_the_annotation_the_controller_acts_on(string action, string annotation, string? value)
    {
        await using var host = await DashboardHost.StartAsync(DashboardHost.Token, ("web.yaml", ManifestBuilders.Deployment(spec: Canary)));
        await host.LogInAsync();

        var page = await host.Http.GetStringAsync("/objects/deployments/default/web");
        var done = await host.PostAsync($"/actions/rollout/{action}", ("target", "default/web"), ("csrf", await host.CsrfAsync("/objects/deployments/default/web")));
        var deployment = (await new ObjectClient(host.Store).GetAsync<Deployment>("default", "web"))!;

        Assert.Contains($"action=\"/actions/rollout/{action}\"", page);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.NotNull(deployment.Annotation(annotation));
        if (value is not null) Assert.Equal(value, deployment.Annotation(annotation));
        Assert.Contains(await new ObjectClient(host.Store).ListAsync<Event>("default"),
            e => e.Reason == "DashboardAction" && e.InvolvedObject.Name == "web" && e.Message == $"admin (dashboard): rollout {action} of deployment/web");
    }

    [Fact]
    public async Task Cordon_uncordon_and_drain_change_the_node_as_the_CLI_does()
    {
        await using var host = await DashboardHost.StartAsync();
        var client = new ObjectClient(host.Store);
        await client.CreateAsync(new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = "n1" } });
        await host.LogInAsync();
        var csrf = await host.CsrfAsync("/nodes");

        var cordon = await host.PostAsync("/actions/node/cordon", ("node", "n1"), ("csrf", csrf));
        var cordoned = (await client.GetAsync<Node>(null, "n1"))!.Spec.Unschedulable;
        var uncordon = await host.PostAsync("/actions/node/uncordon", ("node", "n1"), ("csrf", csrf));
        var uncordoned = (await client.GetAsync<Node>(null, "n1"))!.Spec.Unschedulable;
        var drain = await host.PostAsync("/actions/node/drain", ("node", "n1"), ("csrf", csrf));
        var missing = await host.PostAsync("/actions/node/cordon", ("node", "nowhere"), ("csrf", csrf));

        Assert.Equal((HttpStatusCode.OK, true), (cordon.StatusCode, cordoned));
        Assert.Equal(HttpStatusCode.OK, uncordon.StatusCode);
        Assert.NotEqual(true, uncordoned);
        Assert.Equal(HttpStatusCode.OK, drain.StatusCode);
        Assert.True((await client.GetAsync<Node>(null, "n1"))!.Spec.Unschedulable);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("node &quot;nowhere&quot; not found", await missing.Content.ReadAsStringAsync());
    }
}
