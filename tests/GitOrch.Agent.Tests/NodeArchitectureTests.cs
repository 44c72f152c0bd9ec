using System.Runtime.InteropServices;
using GitOrch.Agent.Node;

namespace GitOrch.Agent.Tests;

public class NodeArchitectureTests
{
    [Theory]
    [InlineData(Architecture.X64, "amd64")]
    [InlineData(Architecture.Arm64, "arm64")]
    [InlineData(Architecture.X86, "386")]
    [InlineData(Architecture.Arm, "arm")]
    public void Architectures_AreSpelledAsKubernetesLabelsSpellThem(Architecture architecture, string label) =>
        Assert.Equal(label, NodeArchitecture.Of(architecture));
}
