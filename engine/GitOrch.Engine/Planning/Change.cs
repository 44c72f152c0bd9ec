using GitOrch.Api.Model;
using GitOrch.Store;

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
    public string Key => ObjectKeys.For(Object);

    public string Describe() => $"{Action.ToString().ToLowerInvariant()} {ObjectName(Object)}";

    /// <summary>The change with each Secret's values replaced by a short hash, as output shows it unless asked for values.</summary>
    public Change WithSecretsMasked() => this with { Object = SecretMasking.Mask(Object), Live = Live is null ? null : SecretMasking.Mask(Live) };

    /// <summary>The object as kubectl names it: <c>deployment/ns/name</c>, or <c>namespace/name</c> when cluster-scoped.</summary>
    public static string ObjectName(KubeObject obj) =>
        $"{obj.Kind.ToLowerInvariant()}/{(obj.Namespace is null ? "" : obj.Namespace + "/")}{obj.Name}";
}
