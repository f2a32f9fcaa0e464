using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>The WITH clause's entries in written order. Key lookups ignore case; the last entry of a repeated key wins.</summary>
internal sealed record PropertyList(IReadOnlyList<Property> Items, SourceLocation Location)
{
    public static PropertyList Empty(SourceLocation location) => new([], location);

    public Property? Find(string key)
    {
        for (var i = Items.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Items[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return Items[i];
            }
        }
        return null;
    }

    public string? Get(string key) => Find(key)?.Value;

    /// <summary>Entries <c>'&lt;prefix&gt;.&lt;rest&gt;'</c>, returned with the prefix and dot removed from the key.</summary>
    public IEnumerable<Property> WithPrefix(string prefix)
    {
        foreach (var item in Items)
        {
            if (item.Key.Length > prefix.Length + 1
                && item.Key[prefix.Length] == '.'
                && item.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return item with { Key = item.Key[(prefix.Length + 1)..] };
            }
        }
    }
}
