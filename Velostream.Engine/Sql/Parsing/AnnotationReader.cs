using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>Recognises <c>-- @key: value</c> comments; other comments are not annotations.</summary>
internal static class AnnotationReader
{
    public static Annotation? Read(Comment comment)
    {
        var body = comment.Text;
        var at = 0;
        while (at < body.Length && char.IsWhiteSpace(body[at]))
        {
            at++;
        }
        if (at >= body.Length || body[at] != '@')
        {
            return null;
        }
        var keyStart = at + 1;
        var keyEnd = keyStart;
        while (keyEnd < body.Length && (char.IsLetterOrDigit(body[keyEnd]) || body[keyEnd] is '_' or '.' or '-'))
        {
            keyEnd++;
        }
        if (keyEnd == keyStart)
        {
            return null;
        }
        var rest = body[keyEnd..].TrimStart();
        string value;
        if (rest.Length == 0)
        {
            value = "";
        }
        else if (rest[0] == ':')
        {
            value = rest[1..].Trim();
        }
        else
        {
            return null;
        }
        // The comment's location starts at "--"; the annotation's starts at '@'.
        var offset = 2 + at;
        var location = comment.Location with
        {
            Column = comment.Location.Column + offset,
            Offset = comment.Location.Offset + offset,
            Length = comment.Location.Length - offset,
        };
        return new Annotation(body[keyStart..keyEnd], value, location);
    }
}
