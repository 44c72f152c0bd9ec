using System.Runtime.InteropServices;

namespace GitOrch.Agent.Node;

/// <summary>A CPU architecture as Kubernetes spells it in <c>kubernetes.io/arch</c>, which is Go's spelling: amd64, not x64.</summary>
public static class NodeArchitecture
{
    public static string Of(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    public static string Current => Of(RuntimeInformation.OSArchitecture);
}
