<?xml version="1.0" encoding="UTF-8"?>
<!-- How a browser shows an RSS feed of the site to a person who opens it:
     in French, with what a feed is for. Feed readers ignore this file. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:dcterms="http://purl.org/dc/terms/"
    xmlns:creativeCommons="http://backend.userland.com/creativeCommonsRssModule">
  <xsl:output method="html" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <html lang="fr">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="rss/channel/title"/></title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; color: #1f2328; line-height: 1.5; }
          header { border-bottom: 2px solid #0b5563; margin-bottom: 1.5rem; }
          .note { background: #e8f1f3; padding: 0.75rem 1rem; border-radius: 0.25rem; }
          a { color: #0b5563; }
          article { margin-bottom: 1.5rem; }
          .meta { color: #57606a; font-size: 0.9rem; }
        </style>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select="rss/channel/title"/></h1>
          <p><xsl:value-of select="rss/channel/description"/></p>
          <p class="note">
            Cette page est un <strong>flux RSS</strong> : copiez son adresse dans votre lecteur de flux
            pour être averti de chaque nouvelle ressource.
            <a href="{rss/channel/link}">Retour au site</a>
          </p>
        </header>
        <main>
          <xsl:for-each select="rss/channel/item">
            <article>
              <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
              <p class="meta">
                <xsl:text>Publié le </xsl:text>
                <xsl:value-of select="dcterms:issued"/>
                <xsl:if test="dcterms:modified != dcterms:issued">
                  <xsl:text>, mis à jour le </xsl:text>
                  <xsl:value-of select="dcterms:modified"/>
                </xsl:if>
                <xsl:text> — </xsl:text>
                <xsl:for-each select="dc:creator">
                  <xsl:value-of select="."/>
                  <xsl:if test="position() != last()">, </xsl:if>
                </xsl:for-each>
              </p>
              <p><xsl:value-of select="description"/></p>
              <p class="meta">Licence : <a href="{creativeCommons:license}"><xsl:value-of select="creativeCommons:license"/></a></p>
            </article>
          </xsl:for-each>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
