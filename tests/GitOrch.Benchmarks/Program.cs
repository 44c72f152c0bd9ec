using GitOrch.Benchmarks;

// Usage: dotnet run -c Release --project tests/GitOrch.Benchmarks [store|e2e|plan|scheduler|scheduler-commit|agent|proxy|canary|cli|validation|idle|kustomize|diff|monorepo|secured-store|join|port-forward|charts|dashboard]
var which = args.FirstOrDefault() ?? "all";
if (which is "all" or "store") await StoreCreateBenchmark.RunAsync();
if (which is "all" or "e2e") await CommitToContainersBenchmark.RunAsync();
if (which is "all" or "plan") await PlanBenchmark.RunAsync();
if (which is "all" or "scheduler") await SchedulerBenchmark.RunAsync();
if (which is "all" or "scheduler-commit") await SchedulerFromCommitBenchmark.RunAsync();
if (which is "all" or "agent") await AgentBenchmark.RunAsync();
if (which is "all" or "proxy") await ProxyBenchmark.RunAsync();
if (which is "all" or "canary") await CanaryBenchmark.RunAsync();
if (which is "all" or "cli") await CliBenchmark.RunAsync();
if (which is "all" or "validation") await ValidationBenchmark.RunAsync();
if (which is "all" or "idle") await IdleBenchmark.RunAsync();
if (which is "all" or "kustomize") KustomizeBenchmark.Run();
if (which is "all" or "diff") await DiffProcessBenchmark.RunAsync();
if (which is "all" or "monorepo") await MonorepoBenchmark.RunAsync();
if (which is "all" or "secured-store") await SecuredStoreBenchmark.RunAsync();
if (which is "all" or "join") await JoinBenchmark.RunAsync();
if (which is "all" or "port-forward") await PortForwardBenchmark.RunAsync();
if (which is "all" or "charts") ChartRenderBenchmark.Run();
if (which is "all" or "dashboard") await DashboardBenchmark.RunAsync();
