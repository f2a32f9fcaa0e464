using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal static class AnnotationListExtensions
{
    /// <summary>The value of the first annotation named <paramref name="key"/> (ignoring case), or null.</summary>
    public static string? Find(this IReadOnlyList<Annotation> annotations, string key)
    {
        foreach (var annotation in annotations)
        {
            if (string.Equals(annotation.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return annotation.Value;
            }
        }
        return null;
    }
}
