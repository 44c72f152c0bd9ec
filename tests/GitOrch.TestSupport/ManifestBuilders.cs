namespace GitOrch.TestSupport;

/// <summary>
/// Small valid manifests of each kind, with room for one fragment of YAML that a test adds. Every
/// builder keeps its lines fixed, so the line a test expects in an error stays put.
/// </summary>
public static class ManifestBuilders
{
    /// <summary>A Pod; <paramref name="container"/> lines go under its only container (4 spaces in), <paramref name="spec"/> lines under spec (2 in).</summary>
    public static string Pod(string container = "", string spec = "", string metadata = "", string name = "p") =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n{metadata}spec:\n{spec}  containers:\n  - name: app\n    image: busybox:1.36\n{container}";

    /// <summary>A Deployment; <paramref name="spec"/> lines go under spec (2 spaces in), <paramref name="podSpec"/> under the template's spec (6 in).</summary>
    public static string Deployment(string spec = "", string podSpec = "", string labels = "app: web") =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n{spec}  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{{labels}}}\n    spec:\n{podSpec}      containers:\n      - name: web\n        image: busybox:1.36\n";

    /// <summary>A Service; <paramref name="spec"/> lines go under spec (2 spaces in), <paramref name="port"/> lines under its first port (4 in).</summary>
    public static string Service(string spec = "", string port = "", string name = "web") =>
        $"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n{spec}  selector: {{app: web}}\n  ports:\n  - port: 80\n{port}";

    public static string ConfigMap(string data, string name = "c") =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n{data}";

    public static string Secret(string data) =>
        $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n{data}";

    /// <summary>A Job; <paramref name="spec"/> lines go under spec (2 spaces in).</summary>
    public static string Job(string spec = "", string restartPolicy = "Never") =>
        $"apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n{spec}  template:\n    spec:\n      restartPolicy: {restartPolicy}\n      containers:\n      - name: j\n        image: busybox:1.36\n";

    public static string CronJob(string spec = "", string name = "cj") =>
        $"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n  schedule: \"*/5 * * * *\"\n{spec}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: j\n            image: busybox:1.36\n";

    public static string StatefulSet(string spec = "") =>
        $"apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n{spec}  selector:\n    matchLabels: {{app: db}}\n  template:\n    metadata:\n      labels: {{app: db}}\n    spec:\n      containers:\n      - name: db\n        image: busybox:1.36\n";

    public static string DaemonSet(string spec = "") =>
        $"apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n{spec}  selector:\n    matchLabels: {{app: agent}}\n  template:\n    metadata:\n      labels: {{app: agent}}\n    spec:\n      containers:\n      - name: agent\n        image: busybox:1.36\n";

    public static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n";
}
