"""A saved article page as a CMS writes one (menus, by-line, caption, "most read" box, a WordPress-style
comment list with replies, a pingback and a login notice, a footer): the tests' own sentences."""

from __future__ import annotations

PARAGRAPHS = (
    "The harbour authority of Eastmere approved a plan on Tuesday to replace its three oldest cranes with "
    "electric ones before the end of next year.",
    "The new cranes will draw power from a substation that the town is building beside the container quay, "
    "the authority's chair told reporters after a two-hour meeting.",
    "Dock workers had asked for quieter machines for years, saying the diesel engines could be heard across "
    "the bay late into the night.",
    "The plan costs about forty million euros, half of it paid by a regional fund for cleaner ports, and the "
    "rest borrowed over twenty years.",
    "Shipping companies that call at Eastmere were consulted in the spring and most of them supported the "
    "change, according to the minutes of the meeting.",
    "Work on the first crane is expected to begin in March, when the winter storms are usually over and the "
    "quay is less busy.",
)
COMMENTS = (
    ("Marta Nowak", "Finally some good news for the people living near the quay. The noise was unbearable."),
    ("Tom Reyes", "Forty million seems a lot for three cranes. I hope the fund pays for the substation too."),
    (
        "Eastmere Harbour",
        "The substation is part of the regional grant, so the town pays nothing extra for it.",
    ),
)


def article_page(charset: str = "utf-8", title: str = "Eastmere harbour to replace diesel cranes") -> str:
    """The page's HTML (declaring ``charset``)."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    (a1, t1), (a2, t2), (a3, t3) = COMMENTS
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>{title} | Eastmere Gazette</title>
<link rel="canonical" href="https://gazette.example.org/news/harbour-cranes">
<meta property="og:site_name" content="Eastmere Gazette">
<meta property="og:title" content="{title}">
<meta name="author" content="Jane Example">
<meta property="article:published_time" content="2024-03-12T09:30:00+01:00">
</head><body>
<header><nav><ul class="menu">
<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/contact">Contact us</a></li></ul></nav></header>
<main><article class="post">
<h1>{title}</h1>
<p class="byline">By <a href="/authors/jane">Jane Example</a> · 12 March 2024</p>
<figure><img src="crane.jpg" alt=""><figcaption>A diesel crane at the container quay. Photo: Gazette archive
</figcaption></figure>
{paragraphs}
</article>
<aside class="most-read"><h2>Most read</h2><ul>
<li><a href="/a">Council votes on the new school budget</a></li>
<li><a href="/b">Storm closes the coastal road for a day</a></li>
<li><a href="/c">Local choir wins a national prize</a></li></ul></aside>
<div id="comments" class="comments-area">
<h2 class="comments-title">3 thoughts on "{title}"</h2>
<ol class="comment-list">
<li id="comment-101" class="comment even thread-even depth-1 parent">
<article id="div-comment-101" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><img class="avatar" src="a.png">
<b class="fn">{a1}</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="#comment-101"><time>12 March 2024 at 10:02</time></a></div></footer>
<div class="comment-content"><p>{t1}</p></div>
<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
</article>
<ol class="children">
<li id="comment-102" class="comment odd alt depth-2">
<article id="div-comment-102" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{a2}</b>
<span class="says">says:</span></div></footer>
<div class="comment-content"><p>{t2}</p></div>
<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
</article></li></ol></li>
<li id="comment-103" class="comment even thread-odd depth-1">
<article id="div-comment-103" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{a3}</b>
<span class="says">says:</span></div></footer>
<div class="comment-content"><p>{t3}</p></div>
</article></li>
<li id="comment-104" class="pingback even thread-even depth-1">
<div class="comment-body">Pingback: <a href="https://blog.example.net/x">Cranes and ports, a roundup</a>
</div>
</li>
</ol>
<div id="respond" class="comment-respond"><p class="must-log-in">You must be logged in to post a comment.</p>
</div></div>
</main>
<footer class="site-footer"><p>© 2024 Eastmere Gazette. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>
"""
