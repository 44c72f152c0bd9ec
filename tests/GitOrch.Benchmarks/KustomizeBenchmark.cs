using System.Diagnostics;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>
/// Rendering kustomizations: a repository of one base and 100 overlays. The floor is kustomize itself,
/// one `kubectl kustomize` per overlay, run in the same way the engine runs it. Measured: a full load
/// (in process, every overlay rendered), and the load of a commit that changes one overlay, which
/// re-renders only that one, against a single kustomize run of it (the goal is at most 1.5x).
/// </summary>
public static class KustomizeBenchmark
{
    private const int Overlays = 100;
    private const int Rounds = 3;

    public static void Run()
    {
        using var repo = new GitRepository();
        repo.Commit("base and overlays", [
            ("base/kustomization.yaml", "resources: [web.yaml, svc.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [COLOR=blue]\n"),
            ("base/web.yaml", ManifestBuilders.Deployment() + "        envFrom: [{configMapRef: {name: settings}}]\n"),
            ("base/svc.yaml", ManifestBuilders.Service()),
            .. Enumerable.Range(0, Overlays).Select(i => ($"overlays/o{i:D3}/kustomization.yaml", (string?)Overlay(i, replicas: 2)))]);
        var source = ManifestRepository.Open(repo.Path);

        var floorAll = Timing.Median(() => { for (var i = 0; i < Overlays; i++) Kubectl(repo.Path, i); }, Rounds);
        var floorOne = Timing.Median(() => Kubectl(repo.Path, 0), Rounds);
        var full = Timing.Median(() => new DesiredStateLoader(source).Load(), Rounds);

        var loader = new DesiredStateLoader(source);
        loader.Load();
        var incremental = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            repo.Commit("scale one overlay", ($"overlays/o000/kustomization.yaml", Overlay(0, replicas: 3 + round)));
            var clock = Stopwatch.StartNew();
            loader.Load();
            incremental.Add(clock.Elapsed.TotalMilliseconds);
        }
        var oneChange = incremental.Order().ElementAt(Rounds / 2);

        Console.WriteLine($"kustomize: {Overlays} overlays of one base");
        Console.WriteLine($"  floor, kubectl kustomize of every overlay: {floorAll,8:F0} ms");
        Console.WriteLine($"  full load, every overlay rendered:         {full,8:F0} ms = {full / floorAll:F2}x the floor (in process)");
        Console.WriteLine($"  floor, kubectl kustomize of one overlay:   {floorOne,8:F0} ms");
        Console.WriteLine($"  load of a commit changing one overlay:     {oneChange,8:F0} ms = {oneChange / floorOne:F2}x one kustomize run (in process; goal at most 1.5x)");
    }

    private static string Overlay(int i, int replicas) =>
        $"namespace: team-{i:D3}\nnamePrefix: o{i:D3}-\nresources: [../../base]\nreplicas: [{{name: web, count: {replicas}}}]\n";

    private static void Kubectl(string repo, int overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(repo, $"overlays/o{overlay:D3}")]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("kubectl kustomize failed");
    }
}
