using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace GitOrch.Api.Serialization;

/// <summary>
/// Gives each field, list item and map value that YAML left null (<c>containers:</c> with nothing after
/// it, <c>labels: {app: ~}</c>) its empty value where the model says it is never null, as Kubernetes reads
/// a null as the field's zero value. Without this, the null reaches code that trusts the model and fails
/// there with no file or line.
/// </summary>
internal static class NullFields
{
    private sealed record Field(PropertyInfo Property, bool MayBeNull, bool ItemsMayBeNull);

    private static readonly ConcurrentDictionary<Type, Field[]> FieldsByType = new();

    public static void Fill(object? value) => FillValue(value, itemsMayBeNull: true);

    private static void FillValue(object? value, bool itemsMayBeNull)
    {
        switch (value)
        {
            case IDictionary map:
                var valueType = map.GetType().GetGenericArguments()[1];
                foreach (var key in map.Keys.Cast<object>().ToList())
                {
                    if (map[key] is null && !itemsMayBeNull) map[key] = EmptyValue(valueType);
                    FillValue(map[key], itemsMayBeNull: true);
                }
                break;
            case IList list when list.GetType().IsGenericType:
                var itemType = list.GetType().GetGenericArguments()[0];
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is null && !itemsMayBeNull) list[i] = EmptyValue(itemType);
                    FillValue(list[i], itemsMayBeNull: true);
                }
                break;
            case not null when IsModel(value.GetType()):
                FillObject(value);
                break;
        }
    }

    private static void FillObject(object obj)
    {
        foreach (var field in FieldsByType.GetOrAdd(obj.GetType(), FieldsOf))
        {
            var current = field.Property.GetValue(obj);
            if (current is null && !field.MayBeNull && EmptyValue(field.Property.PropertyType) is { } empty)
                field.Property.SetValue(obj, current = empty);
            FillValue(current, field.ItemsMayBeNull);
        }
    }

    private static Field[] FieldsOf(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanRead && property.CanWrite && property.GetIndexParameters().Length == 0 && !property.PropertyType.IsValueType)
            .Select(property =>
            {
                var info = nullability.Create(property);
                var items = info.ElementType ?? info.GenericTypeArguments.LastOrDefault();
                return new Field(property, info.ReadState != NullabilityState.NotNull, items?.ReadState != NullabilityState.NotNull);
            })
            .ToArray();
    }

    private static bool IsModel(Type type) => type.Assembly == typeof(NullFields).Assembly && type.IsClass;

    private static object? EmptyValue(Type type) =>
        type == typeof(string) ? ""
        : !type.IsAbstract && (IsModel(type) || type.IsGenericType) && type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type)
        : null;
}
