using System.Text;
using GitOrch.Store.Access;

namespace GitOrch.Engine.Security;

/// <summary>
/// Renders a nats-server configuration: JetStream, TLS with the cluster's server certificate, and one
/// NKey user per identity whose subject permissions are its role's.
/// </summary>
public static class NatsServerConfig
{
    public sealed record Paths(string Certificate, string Key, string JetStreamDirectory, string PidFile);

    public sealed record User(string PublicKey, StoreRole Role);

    public static string Render(string listen, Paths paths, IEnumerable<User> users)
    {
        var text = new StringBuilder();
        text.AppendLine("# Written by gitorch init. Regenerate it with gitorch credentials create; do not edit by hand.");
        text.AppendLine($"listen: {Quote(listen)}");
        text.AppendLine($"jetstream {{ store_dir: {Quote(paths.JetStreamDirectory)} }}");
        text.AppendLine($"pid_file: {Quote(paths.PidFile)}");
        text.AppendLine($"tls {{ cert_file: {Quote(paths.Certificate)}, key_file: {Quote(paths.Key)}, timeout: 5 }}");
        text.AppendLine("authorization {");
        text.AppendLine("  users: [");
        foreach (var user in users)
            text.AppendLine($"    {{ nkey: {Quote(user.PublicKey)}{Permissions(user.Role)} }} # {user.Role.Name}");
        text.AppendLine("  ]");
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>The listen address of a configuration this class rendered.</summary>
    public static string ListenOf(string config) =>
        config.Split('\n').First(line => line.StartsWith("listen: ", StringComparison.Ordinal))["listen: ".Length..].Trim('"');

    private static string Permissions(StoreRole role)
    {
        var parts = new List<string>();
        var publish = new List<string>();
        if (role.PublishAllow is not null) publish.Add($"allow: {List(role.PublishAllow)}");
        if (role.PublishDeny.Count > 0) publish.Add($"deny: {List(role.PublishDeny)}");
        if (publish.Count > 0) parts.Add($"publish: {{ {string.Join(", ", publish)} }}");
        if (role.SubscribeAllow is not null) parts.Add($"subscribe: {{ allow: {List(role.SubscribeAllow)} }}");
        return parts.Count == 0 ? "" : $", permissions: {{ {string.Join(", ", parts)} }}";
    }

    private static string List(IEnumerable<string> subjects) => $"[{string.Join(", ", subjects.Select(Quote))}]";

    private static string Quote(string value) => $"\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
}
