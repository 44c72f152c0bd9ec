using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>A workload whose pods its namespace will refuse is named at load time, with the field.</summary>
public sealed class PodSecurityWarningsTests : IDisposable
{
    private readonly GitRepository _repo = new();

    private const string HostPathVolumes = "      volumes: [{name: root, hostPath: {path: /}}]\n";

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void AHostPathDeployment_IsWarnedAboutInABaselineNamespace_AndNotInAPrivilegedOne()
    {
        _repo.Commit("two host-path workloads",
            ("web.yaml", ManifestBuilders.Deployment(podSpec: HostPathVolumes)),
            ("tools.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: tools
                  labels: {pod-security.kubernetes.io/enforce: privileged}
                ---
                """ + "\n" + ManifestBuilders.Deployment(podSpec: HostPathVolumes).Replace("  name: web\n", "  name: web\n  namespace: tools\n")));

        var warnings = new DesiredStateLoader(ManifestRepository.Open(_repo.Path)).Load().Warnings();

        var warning = Assert.Single(warnings);
        Assert.StartsWith("web.yaml:1: Deployment \"web\": its pods will be refused in namespace default: violates PodSecurity \"baseline\": spec.volumes[0].hostPath: /", warning);
    }
}
