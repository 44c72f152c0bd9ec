using System.Diagnostics;
using GitOrch.Api.Validation;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;
using LibGit2Sharp;

namespace GitOrch.Benchmarks;

/// <summary>
/// The load time of a 5,000-manifest repository (Deployments, Services and ConfigMaps) now that every
/// object is validated: in process, with the validators' own share timed apart; and as a user runs it,
/// <c>gitorch apply --dry-run</c> as a process, beside the same command of a build from before
/// validation when <c>GITORCH_BEFORE_CLI</c> names its gitorch.dll. The floor is reading every blob.
/// </summary>
public static class ValidationBenchmark
{
    private const int Files = 5000;
    private const int Rounds = 5;

    public static async Task RunAsync()
    {
        using var repo = new GitRepository();
        for (var i = 0; i < Files; i++)
        {
            var folder = Path.Combine(repo.Path, $"team-{i / 100:D2}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"app-{i:D4}.yaml"), Manifest(i));
        }
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "5000 manifests");
        var source = ManifestRepository.Open(repo.Path);

        var floor = Times(() => ReadEveryBlob(repo.Path));
        var load = Times(() => new DesiredStateLoader(source).Load());
        var objects = new DesiredStateLoader(source).Load().Objects.Values.Select(declared => declared.Object).ToList();
        var validate = Times(() =>
        {
            foreach (var obj in objects)
                if (ObjectValidator.Validate(obj) is { } problem) throw new InvalidOperationException(problem.ToString());
        });
        Console.WriteLine($"load of {Files:N0} manifests, in process, median of {Rounds}: floor (read every blob) {Median(floor):F0} ms, " +
                          $"load with validation {Median(load):F0} ms ({Median(load) / Median(floor):F2}x floor), of which validators {Median(validate):F0} ms " +
                          $"({Median(load) / (Median(load) - Median(validate)):F3}x a load without them)");

        var work = Directory.CreateTempSubdirectory("gitorch-validation-bench-").FullName;
        var now = await CliBenchmark.TimeProcessAsync(DryRun(Path.Combine(AppContext.BaseDirectory, "gitorch.dll"), repo.Path, work, "now"), work, Rounds);
        Console.WriteLine($"gitorch apply --dry-run, whole process, median of {Rounds}: {Median(now):F0} ms");
        if (Environment.GetEnvironmentVariable("GITORCH_BEFORE_CLI") is { Length: > 0 } before)
        {
            var then = await CliBenchmark.TimeProcessAsync(DryRun(before, repo.Path, work, "before"), work, Rounds);
            Console.WriteLine($"the same with the build before validation: {Median(then):F0} ms; now vs before {Median(now) / Median(then):F3}x");
        }
        Directory.Delete(work, recursive: true);
    }

    private static string[] DryRun(string gitorch, string repo, string work, string store) =>
        ["dotnet", gitorch, "apply", "--dry-run", "--repo", repo, "--store", Path.Combine(work, $"{store}.db")];

    /// <summary>A third each of Deployments (with ports, probes, resources and a volume), Services and ConfigMaps.</summary>
    private static string Manifest(int i) => (i % 3) switch
    {
        0 => $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app-{{{i}}}, labels: {app.kubernetes.io/name: app-{{{i}}}, team: t{{{i / 100}}}}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: app-{{{i}}}}}
              template:
                metadata: {labels: {app: app-{{{i}}}}}
                spec:
                  volumes: [{name: config, configMap: {name: app-{{{i}}}, items: [{key: settings, path: conf/settings}]}}]
                  containers:
                  - name: web
                    image: busybox:1.36
                    ports: [{containerPort: 8080, name: http}]
                    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
                    readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 5}
                    volumeMounts: [{name: config, mountPath: /etc/app}]
            """,
        1 => $$$"""
            apiVersion: v1
            kind: Service
            metadata: {name: svc-{{{i}}}}
            spec:
              selector: {app: app-{{{i - 1}}}}
              ports: [{name: http, port: 80, targetPort: http}]
            """,
        _ => $$$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-{{{i - 2}}}}
            data: {settings: "color=blue", app.properties: "a=1"}
            """,
    };

    private static void ReadEveryBlob(string path)
    {
        using var repository = new Repository(path);
        foreach (var entry in repository.Head.Tip.Tree.SelectMany(folder => (Tree)folder.Target))
            using (var stream = ((Blob)entry.Target).GetContentStream()) stream.CopyTo(Stream.Null);
    }

    private static List<double> Times(Action action)
    {
        var times = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
