using System.Text.Json;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Api.Vocabulary;

/// <summary>A short, stable hash of a pod template: one ReplicaSet exists per distinct template.</summary>
public static class TemplateHash
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(PodTemplateSpec template)
    {
        var hash = Fnv1a(JsonSerializer.SerializeToUtf8Bytes(template, ObjectJson.Options));
        var text = new char[7];
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = Alphabet[(int)(hash % (uint)Alphabet.Length)];
            hash /= (uint)Alphabet.Length;
        }
        return new string(text);
    }

    private static uint Fnv1a(byte[] bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
            hash = (hash ^ b) * 16777619u;
        return hash;
    }
}
