using System.Text.Json;
using GitOrch.Api.Model;

namespace GitOrch.Store.Access;

/// <summary>
/// What Roles and RoleBindings (and their cluster-wide kinds) let each user write, as NATS subjects: a
/// rule that may create, update, patch or delete a resource becomes a publish permission on that
/// resource's keys in the binding's namespace (all namespaces for a ClusterRoleBinding). Reading is the
/// viewer's; only writes are granted. Subjects of kind User are the identities of credentials files
/// made with <c>--role user</c>.
/// </summary>
public static class RbacGrants
{
    private static readonly HashSet<string> WriteVerbs = new(StringComparer.Ordinal) { "create", "update", "patch", "delete", "deletecollection", "*" };

    /// <summary>Each user's write subjects, sorted, for the bindings given; a binding to a role that does not exist grants nothing.</summary>
    public static SortedDictionary<string, SortedSet<string>> From(IEnumerable<KubeObject> roles, IEnumerable<KubeObject> bindings)
    {
        var rules = roles.ToDictionary(role => (role.Kind, role.Namespace ?? "", role.Name), Rules);
        var grants = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var binding in bindings)
        {
            if (Field(binding, "roleRef") is not { } roleRef) continue;
            var roleKind = Text(roleRef, "kind") ?? "";
            var roleNamespace = roleKind == "Role" ? binding.Namespace ?? "" : "";
            if (!rules.TryGetValue((roleKind, roleNamespace, Text(roleRef, "name") ?? ""), out var granted)) continue;
            var scope = binding.Kind == "ClusterRoleBinding" ? "*" : binding.Namespace ?? WellKnown.DefaultNamespace;
            foreach (var user in Users(binding))
            {
                if (!grants.TryGetValue(user, out var subjects)) grants[user] = subjects = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var resource in granted)
                    subjects.Add($"$KV.{Buckets.Objects}.{(resource == "*" ? "*" : resource)}.{scope}.>");
            }
        }
        return grants;
    }

    /// <summary>The resources a role's rules may write.</summary>
    private static List<string> Rules(KubeObject role) =>
        [.. Items(Field(role, "rules"))
            .Where(rule => Items(Field(rule, "verbs")).Any(verb => WriteVerbs.Contains(verb.GetString() ?? "")))
            .SelectMany(rule => Items(Field(rule, "resources")).Select(resource => resource.GetString() ?? "").Where(IsResource))];

    private static IEnumerable<string> Users(KubeObject binding) =>
        Items(Field(binding, "subjects")).Where(subject => Text(subject, "kind") == "User").Select(subject => Text(subject, "name") ?? "").Where(name => name.Length > 0);

    /// <summary>A resource name that is one subject token: lower-case letters, or *; anything else (a subresource such as pods/log) grants nothing.</summary>
    private static bool IsResource(string resource) => resource == "*" || (resource.Length > 0 && resource.All(char.IsAsciiLetterLower));

    private static JsonElement? Field(KubeObject obj, string name) =>
        obj is StoredObject { Fields: { } fields } && fields.TryGetValue(name, out var value) ? value : null;

    private static JsonElement? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null;

    private static IEnumerable<JsonElement> Items(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
