using System.CommandLine;
using GitOrch.Api.Model;

namespace GitOrch.Cli;

/// <summary>One object as a verb takes it: KIND NAME, or KIND/NAME as <c>get -o name</c> prints it.</summary>
public static class KindAndName
{
    /// <summary>The NAME after KIND, completed from the store with the names of that kind in the namespace <paramref name="ns"/> gives.</summary>
    public static Argument<string?> NameArgument(Argument<string> kind, Option<string?> ns)
    {
        var name = new Argument<string?>("name") { Description = "The object's name; or give KIND/NAME in place of the kind", Arity = ArgumentArity.ZeroOrOne };
        LiveCompletions.Names(name, kind, ns);
        return name;
    }

    /// <summary>Splits KIND/NAME; null when the text has no '/'.</summary>
    public static (KindInfo Kind, string Name)? TrySplit(string kindText, string? name)
    {
        if (kindText.IndexOf('/') is not (var slash and >= 0)) return null;
        if (name is not null) throw new ArgumentException($"\"{kindText}\" already names the object; drop \"{name}\"");
        if (slash == kindText.Length - 1) throw new ArgumentException($"\"{kindText}\": expected KIND/NAME, such as pod/web");
        return (KindArgument.Resolve(kindText[..slash]), kindText[(slash + 1)..]);
    }

    public static (KindInfo Kind, string Name) Resolve(string kindText, string? name) =>
        TrySplit(kindText, name)
        ?? (KindArgument.Resolve(kindText), name ?? throw new ArgumentException($"which {kindText}? Give KIND NAME or KIND/NAME"));
}
