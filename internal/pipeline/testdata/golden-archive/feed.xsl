<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an RSS 2.0 or Atom 1.0 feed written by feedpub as a readable page
     in browsers that apply XSLT. Feed readers ignore it. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <html>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/> (feed)</title>
        <style>
          :root { color-scheme: light dark; }
          body { margin: 0; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
          main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
          h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
          .note { background: rgba(127,127,127,.12); border-radius: 12px; padding: .9rem 1.1rem; margin: 1rem 0 2rem; }
          .note code { overflow-wrap: anywhere; }
          ol { list-style: none; padding: 0; }
          li { padding: 1rem 0; border-top: 1px solid rgba(127,127,127,.25); }
          h2 { font-size: 1.15rem; margin: 0 0 .2rem; }
          .date { opacity: .7; font-size: .9rem; }
        </style>
      </head>
      <body>
        <main>
          <xsl:apply-templates select="rss/channel | atom:feed"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="channel">
    <h1><xsl:value-of select="title"/></h1>
    <p><xsl:value-of select="description"/></p>
    <p class="note">This is an RSS feed. Copy its address into your feed reader to subscribe:
      <code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
    <p><a href="{link}">Visit the site →</a></p>
    <ol>
      <xsl:for-each select="item">
        <li>
          <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
          <div class="date"><xsl:value-of select="pubDate"/></div>
          <!-- feedpub writes descriptions as escaped plain text: unescaping
               it once gives text, never markup. -->
          <p><xsl:value-of select="description" disable-output-escaping="yes"/></p>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="atom:feed">
    <h1><xsl:value-of select="atom:title"/></h1>
    <p><xsl:value-of select="atom:subtitle"/></p>
    <p class="note">This is an Atom feed. Copy its address into your feed reader to subscribe:
      <code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
    <p><a href="{atom:link[@rel='alternate']/@href}">Visit the site →</a></p>
    <ol>
      <xsl:for-each select="atom:entry">
        <li>
          <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
          <div class="date"><xsl:value-of select="substring(atom:published, 1, 10)"/></div>
          <p><xsl:value-of select="atom:summary"/></p>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>
</xsl:stylesheet>
