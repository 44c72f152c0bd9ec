namespace GitOrch.Agent.Runtime;

/// <summary>
/// Hands each process-runtime pod its own address in 127.0.0.0/8, so that two replicas can listen on
/// the same port, as pods with their own IPs do.
/// </summary>
internal sealed class LoopbackAddresses
{
    private readonly Dictionary<string, int> _byPod = [];
    private readonly SortedSet<int> _free = new(Enumerable.Range(1, 65000));

    public string Allocate(string podUid)
    {
        lock (_byPod)
        {
            if (!_byPod.TryGetValue(podUid, out var index))
            {
                index = _free.Min;
                _free.Remove(index);
                _byPod[podUid] = index;
            }
            return $"127.1.{index / 250}.{index % 250 + 1}";
        }
    }

    public void Release(string podUid)
    {
        lock (_byPod)
            if (_byPod.Remove(podUid, out var index))
                _free.Add(index);
    }
}
