using System.Text;
using MimeKit.Text;

namespace Amends.Inbound;

/// <summary>
/// The readable text of an HTML email body. Staff never render a customer's HTML: the timeline keeps
/// text only, taken from MimeKit's HTML tokenizer (scripts, styles and markup dropped).
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> LineBreaking = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "hr",
    };

    public static string ToText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var skipping = false;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Name is "script" or "style" or "head" or "title":
                    skipping = !tag.IsEndTag && !tag.IsEmptyElement;
                    break;
                case HtmlTagToken tag when LineBreaking.Contains(tag.Name):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when !skipping && token.Kind == HtmlTokenKind.Data:
                    text.Append(data.Data);
                    break;
            }
        }

        var lines = text.ToString().Replace('\u00A0', ' ').Split('\n').Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        return string.Join('\n', lines).Trim();
    }
}
