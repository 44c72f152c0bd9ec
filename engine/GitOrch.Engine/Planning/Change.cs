using GitOrch.Api.Model;

namespace GitOrch.Engine.Planning;

public enum ChangeAction
{
    Create,
    Update,
    Delete,
}

/// <summary>One planned write: the desired object for create and update, the live one for delete.</summary>
public sealed record Change(ChangeAction Action, KubeObject Object, KubeObject? Live)
{
    public string Describe() =>
        $"{Action.ToString().ToLowerInvariant()} {Object.Kind.ToLowerInvariant()}/{(Object.Namespace is null ? "" : Object.Namespace + "/")}{Object.Name}";
}
