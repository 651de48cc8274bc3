/**
 * Plein's own stored-XSS corpus, written for this project after the families in public lists (the OWASP XSS
 * filter-evasion cheat sheet, markdown-it's XSS fixtures): script tags, event handlers, javascript:/data:/vbscript:
 * URLs with encodings and whitespace tricks in every place a URL can go, SVG and MathML, CSS, nested and broken
 * markup, Markdown's own link, image and autolink forms, entities and Unicode look-alikes.
 *
 * Every vector calls `__xss(code)` when it runs, so a test that installs that trap learns which vector ran in
 * which sink; `code` is sink * 10_000 + vector id. No vector holds NUL or a lone surrogate: the contract refuses
 * those for every string (tested elsewhere), so they could never be stored.
 */
export type Vector = { id: number; family: string; source: string };

/** Builds a vector's text from the JavaScript it should never get to run. */
type Template = (js: string) => string;

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const decimalEntities = (text: string, pad = 0) =>
  [...text].map((c) => `&#${String(c.codePointAt(0)).padStart(pad, '0')};`).join('');
const hexEntities = (text: string) => [...text].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('');
const percent = (text: string) =>
  [...text].map((c) => `%${c.codePointAt(0)!.toString(16).padStart(2, '0')}`).join('');

const scriptTags: Template[] = [
  (js) => `<script>${js}</script>`,
  (js) => `<SCRIPT>${js}</SCRIPT>`,
  (js) => `<ScRiPt>${js}</sCrIpT>`,
  (js) => `<script type="text/javascript">${js}</script>`,
  (js) => `<script type=module>${js}</script>`,
  (js) => `<script/xss>${js}</script>`,
  (js) => `<script\n>${js}</script\n>`,
  (js) => `<script src="data:text/javascript,${js}"></script>`,
  (js) => `<script src=data:,${js}></script>`,
  (js) => `<<script>${js}//<</script>`,
  (js) => `<script>${js}<!--`,
  (js) => `<scr<script>ipt>${js}</scr</script>ipt>`,
  (js) => `</script><script>${js}</script>`,
  (js) => `<script>/*<![CDATA[*/${js}/*]]>*/</script>`,
  (js) => `<svg><script>${js}</script></svg>`,
  (js) => `<svg><script href="data:,${js}"/></svg>`,
  (js) => `<math><script>${js}</script></math>`,
  (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">`,
  (js) => `<title><img src=x onerror=${js}></title>`,
  (js) => `<textarea><img src=x onerror=${js}></textarea>`,
  (js) => `<style><img src=x onerror=${js}></style>`,
  (js) => `<xmp><img src=x onerror=${js}></xmp>`,
  (js) => `<template><img src=x onerror=${js}></template>`,
  (js) => `<!--<img src=x onerror=${js}>-->`,
  (js) => `<!-- --!><img src=x onerror=${js}> -->`,
  (js) => `<![CDATA[<img src=x onerror=${js}>]]>`,
  (js) => `<?xml version="1.0"?><img src=x onerror=${js}>`,
  (js) => `<iframe srcdoc="<script>parent.${js}</script>"></iframe>`,
  (js) => `<iframe srcdoc="&lt;img src=x onerror=parent.${js}&gt;"></iframe>`,
  (js) => `<object data="data:text/html,<script>parent.${js}</script>"></object>`,
];

/** [tag markup before the handler, after it] for elements that fire an event by themselves or on a touch. */
const handlerHosts: [string, string][] = [
  ['<img src=x ', '>'],
  ['<image src=x ', '>'],
  ['<img src="/does-not-exist.png" ', ' />'],
  ['<body ', '>'],
  ['<svg ', '>'],
  ['<svg><rect width=10 height=10 ', '/></svg>'],
  ['<input autofocus ', '>'],
  ['<select autofocus ', '></select>'],
  ['<textarea autofocus ', '></textarea>'],
  ['<details open ', '><summary>x</summary></details>'],
  ['<video src=x ', '></video>'],
  ['<audio src=x ', '></audio>'],
  ['<video><source src=x ', '></video>'],
  ['<iframe ', '></iframe>'],
  ['<object data=x ', '></object>'],
  ['<marquee ', '>x</marquee>'],
  ['<div ', '>hover me</div>'],
  ['<a href="https://ok.example" ', '>link</a>'],
  ['<p ', '>paragraph</p>'],
  ['<form><button ', '>x</button></form>'],
  ['<style ', '></style>'],
  ['<link rel=stylesheet href=x ', '>'],
  ['<x contenteditable ', '>x</x>'],
  ['<table background=x ', '><tr><td>x</td></tr></table>'],
];
const handlerNames = ['onerror', 'onload', 'onfocus', 'ontoggle', 'onmouseover', 'onstart', 'onbegin'];

const eventHandlers: Template[] = handlerHosts.flatMap(([before, after]) =>
  handlerNames.map((event) => (js: string) => `${before}${event}=${js}${after}`),
);

/** Odd ways to spell the same handler: quoting, case, separators the HTML parser still accepts. */
const handlerSpellings: Template[] = [
  (js) => `<img src=x onerror="${js}">`,
  (js) => `<img src=x onerror='${js}'>`,
  (js) => `<img src=x onerror=\`${js}\`>`,
  (js) => `<IMG SRC=x ONERROR=${js}>`,
  (js) => `<img/src=x/onerror=${js}>`,
  (js) => `<img\nsrc=x\nonerror=${js}>`,
  (js) => `<img\tsrc=x\tonerror=${js}>`,
  (js) => `<img src=x onerror\n=\n${js}>`,
  (js) => `<img src='x'onerror=${js}>`,
  (js) => `<img src="x"onerror="${js}">`,
  (js) => `<img src=x onerror="&#x5F;&#x5F;xss(0)||${js}">`,
  (js) => `<img src=x onerror=${js}//`,
  (js) => `<img src=x:alert(alt) onerror=${js} alt=0>`,
  (js) => `<img """><script>${js}</script>">`,
  (js) => `<IMG SRC=# onmouseover="${js}">`,
  (js) => `<IMG SRC= onmouseover="${js}">`,
  (js) => `<IMG onmouseover="${js}">`,
  (js) => `<div/onmouseover='${js}'>x</div>`,
  (js) => `<svg/onload=${js}>`,
  (js) => `<svg onload=${js}//`,
  (js) => `<body onpageshow=${js}>`,
  (js) => `<svg><animate onbegin=${js} attributeName=x dur=1s>`,
  (js) => `<svg><set onbegin=${js} attributeName=x to=1>`,
  (js) => `<details ontoggle=${js} open>`,
  (js) => `<marquee onstart=${js}>x</marquee>`,
  (js) => `<input onfocus=${js} autofocus>`,
  (js) => `<input type=image src=x onerror=${js}>`,
  (js) => `<keygen autofocus onfocus=${js}>`,
  (js) => `<isindex type=image src=x onerror=${js}>`,
  (js) => `<a onmouseover="${js}">hover</a>`,
  (js) => `<a href="#" onclick="${js}">click</a>`,
  (js) => `<div onpointerenter=${js} style="position:fixed;inset:0">x</div>`,
  (js) => `<x onanimationstart=${js} style="animation:spin 1s">x</x>`,
  (js) => `<video controls autoplay onplay=${js}><source src=x></video>`,
];

/** A URL that runs `js` when followed or loaded, spelled every way a filter might miss. */
const dangerousUrls: Template[] = [
  (js) => `javascript:${js}`,
  (js) => `JaVaScRiPt:${js}`,
  (js) => `JAVASCRIPT:${js}`,
  (js) => ` javascript:${js}`,
  (js) => `\tjavascript:${js}`,
  (js) => `java\tscript:${js}`,
  (js) => `java\nscript:${js}`,
  (js) => `java\rscript:${js}`,
  (js) => `java\u0001script:${js}`,
  (js) => `\u0008javascript:${js}`,
  (js) => `java&#09;script:${js}`,
  (js) => `java&#x0A;script:${js}`,
  (js) => `java&Tab;script:${js}`,
  (js) => `${decimalEntities('javascript:')}${js}`,
  (js) => `${decimalEntities('javascript:', 7).replaceAll(';', '')}${js}`,
  (js) => `${hexEntities('javascript:')}${js}`,
  (js) => `&#x6A;avascript:${js}`,
  (js) => `javascript&colon;${js}`,
  (js) => `javascript&#58;${js}`,
  (js) => `javascript&#x3A;${js}`,
  (js) => `javascript%3a${js}`,
  (js) => `${percent('javascript')}:${js}`,
  (js) => `javascript://%0a${js}`,
  (js) => `javascript://https://ok.example/%0a${js}`,
  (js) => `jav\u200Bascript:${js}`,
  (js) => `vbscript:${js}`,
  (js) => `VBScript:${js}`,
  (js) => `livescript:${js}`,
  (js) => `mocha:${js}`,
  (js) => `data:text/html,<script>parent.${js}</script>`,
  (js) => `DATA:text/html,<script>parent.${js}</script>`,
  (js) => `data:text/html;base64,${base64(`<script>parent.${js}</script>`)}`,
  (js) => `data:text/html;charset=utf-8;base64,${base64(`<img src=x onerror=parent.${js}>`)}`,
  (js) =>
    `data:image/svg+xml;base64,${base64(`<svg xmlns="http://www.w3.org/2000/svg" onload="parent.${js}"/>`)}`,
  (js) => `data:application/javascript,${js}`,
  (js) => ` data:text/html,<script>parent.${js}</script>`,
  (js) => `feed:javascript:${js}`,
  (js) => `view-source:javascript:${js}`,
];

/** Every place a URL can go, in Markdown and in raw HTML. */
const urlPlaces: ((url: string) => string)[] = [
  (url) => `[click](${url})`,
  (url) => `[click](${url} "title")`,
  (url) => `[click](<${url}>)`,
  (url) => `![picture](${url})`,
  (url) => `[ref link][r]\n\n[r]: ${url}`,
  (url) => `<${url}>`,
  (url) => `<a href="${url}">click</a>`,
  (url) => `<img src="${url}">`,
  (url) => `<iframe src="${url}"></iframe>`,
  (url) => `<form action="${url}"><button>go</button></form>`,
  (url) => `<button formaction="${url}">go</button>`,
  (url) => `<svg><a xlink:href="${url}"><text x=20 y=20>click</text></a></svg>`,
  (url) => `<object data="${url}"></object>`,
  (url) => `<embed src="${url}">`,
  (url) => `<base href="${url}">`,
  (url) => `<meta http-equiv="refresh" content="0;url=${url}">`,
  (url) => `<math href="${url}">click</math>`,
];

const urlVectors: Template[] = dangerousUrls.flatMap((url) =>
  urlPlaces.map((place) => (js: string) => place(url(js))),
);

const styleVectors: Template[] = [
  (js) => `<div style="background:url(javascript:${js})">x</div>`,
  (js) => `<div style="background-image: url('javascript:${js}')">x</div>`,
  (js) => `<div style="width: expression(${js})">x</div>`,
  (js) => `<div style="x:\\65xpression(${js})">x</div>`,
  (js) => `<xss style="xss:expression(${js})">x</xss>`,
  (js) => `<style>@import 'javascript:${js}';</style>`,
  (js) => `<style>body{background:url("javascript:${js}")}</style>`,
  (js) => `<div style="behavior: url(x.htc)" onclick=${js}>x</div>`,
  (js) => `<p style="-moz-binding:url('data:text/xml,${js}')">x</p>`,
  (js) => `<td style="text-align:left;background:url(javascript:${js})">x</td>`,
  (js) => `<table><tr><th style="text-align:center;x:expression(${js})">x</th></tr></table>`,
  (js) => `<link rel=stylesheet href="data:text/css,body{x:expression(${js})}">`,
  (js) => `<span style="position:fixed;inset:0" onmouseover=${js}>cover</span>`,
  (js) => `| a | b |\n|:-|-:|\n| <div style="background:url(javascript:${js})">x</div> | y |`,
  (js) => `<img style="x:expression(${js})" src=x>`,
];

const svgAndMath: Template[] = [
  (js) => `<svg><animate attributeName=href values=javascript:${js} /><a><text x=20 y=20>X</text></a></svg>`,
  (js) => `<svg><a><animate attributeName=href values=javascript:${js} /><text x=20 y=20>X</text></a></svg>`,
  (js) => `<svg><set attributeName=href to=javascript:${js} /></svg>`,
  (js) =>
    `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${js}'/></svg>#x"/></svg>`,
  (js) =>
    `<svg><foreignObject><iframe srcdoc="<script>parent.${js}</script>"></iframe></foreignObject></svg>`,
  (js) => `<svg><image href=x onerror=${js} /></svg>`,
  (js) => `<svg><discard onbegin=${js} /></svg>`,
  (js) => `<svg></p><style><a id="</style><img src=1 onerror=${js}>">`,
  (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`,
  (js) =>
    `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=${js}>">`,
  (js) => `<math><mi xlink:href="javascript:${js}">click</mi></math>`,
  (js) => `<math><maction actiontype="statusline" xlink:href="javascript:${js}">click</maction></math>`,
  (js) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${js}>`,
  (js) => `<svg><style>&lt;img src=x onerror=${js}&gt;</style></svg>`,
  (js) => `<svg xmlns="http://www.w3.org/2000/svg"><script>${js}</script></svg>`,
  (js) => `<svg><desc><![CDATA[</desc><script>${js}</script>]]></svg>`,
  (js) => `<svg><title><style><img src=x onerror=${js}></style></title></svg>`,
  (js) => `<noembed><img title="</noembed><img src=x onerror=${js}>">`,
  (js) => `<noframes><img title="</noframes><img src=x onerror=${js}>">`,
  (js) => `<listing>&lt;img src=x onerror=${js}&gt;</listing>`,
];

const brokenMarkup: Template[] = [
  (js) => `<<img src=x onerror=${js}>>`,
  (js) => `"><img src=x onerror=${js}>`,
  (js) => `'><img src=x onerror=${js}>`,
  (js) => `</p><img src=x onerror=${js}>`,
  (js) => `</a><img src=x onerror=${js}>`,
  (js) => `</div></div></main><img src=x onerror=${js}>`,
  (js) => `<a href="x" <img src=x onerror=${js}>>`,
  (js) => `<img src=x onerror=${js}`,
  (js) => `<a href=javascript&colon;${js}>x</a>`,
  (js) => `<a href="jav&#x09;ascript:${js}">x</a>`,
  (js) => `<a href="&#1;javascript:${js}">x</a>`,
  (js) => `<a href="https://ok.example" title="x" onmouseover=${js} x="">x</a>`,
  (js) => `<a href=https://ok.example/"onmouseover="${js}">x</a>`,
  (js) => `<p>unclosed <b>bold <i onmouseover=${js}>italic`,
  (js) => `<table><td><img src=x onerror=${js}></td></table>`,
  (js) => `<ul><li><img src=x onerror=${js}></ul>`,
  (js) => `<select><option><img src=x onerror=${js}></option></select>`,
  (js) => `<frameset onload=${js}>`,
  (js) => `<html><head><base href="javascript:${js}//"></head></html>`,
  (js) => `<div><!--</div><img src=x onerror=${js}>-->`,
  (js) => `<a href="https://ok.example">x</a\n onmouseover=${js}>`,
  (js) => `<img src=x onerror=${js}><!--`,
  (js) => `<img src=x onerror=${js} /`,
  (js) => `<img src=x onerror=${js}/**/>`,
  (js) => `<img src=x onerror=${js}>`.repeat(3),
];

const markdownTricks: Template[] = [
  (js) => `[a](javascript&#x3A;${js})`,
  (js) => `[a](javascript&#58;${js})`,
  (js) => `[a](&#x6A;avascript:${js})`,
  (js) => `[a](\\javascript:${js})`,
  (js) => `[a](javas\\cript:${js})`,
  (js) => `[a]( javascript:${js})`,
  (js) => `[a](javascript\n:${js})`,
  (js) => `[a](%6Aavascript:${js})`,
  (js) => `[a](vbscript&#x3A;${js})`,
  (js) => `[a]: javascript:${js}\n\n[a]`,
  (js) => `[a]\n\n[a]: <javascript:${js}> "title"`,
  (js) => `[![x](javascript:${js})](javascript:${js})`,
  (js) => `[<img src=x onerror=${js}>](https://ok.example)`,
  (js) => `[a](https://ok.example "\\" onmouseover=\\"${js}")`,
  (js) => `[a](https://ok.example"onmouseover="${js}")`,
  (js) => `[a](https://ok.example' onmouseover='${js}')`,
  (js) => `![" onerror="${js}](x)`,
  (js) => `![a](x" onerror="${js})`,
  (js) => `![a](x onerror=${js})`,
  (js) => `![<img src=x onerror=${js}>](https://ok.example/a.png)`,
  (js) => `\`<img src=x onerror=${js}>\``,
  (js) => `\`\`\`\n<script>${js}</script>\n\`\`\``,
  (js) => `\`\`\`html"><img src=x onerror=${js}>\n<b>x</b>\n\`\`\``,
  (js) => `    <script>${js}</script>`,
  (js) => `# <img src=x onerror=${js}>`,
  (js) => `> <img src=x onerror=${js}>`,
  (js) => `- <img src=x onerror=${js}>`,
  (js) => `| <img src=x onerror=${js}> | b |\n|---|---|\n| c | d |`,
  (js) => `javascript:${js}`,
  (js) => `www.ok.example/"onmouseover="${js}"`,
  (js) => `https://ok.example/<script>${js}</script>`,
  (js) => `https://ok.example/?a=1&b="><script>${js}</script>`,
  (js) => `http://ok.example/'onmouseover='${js}'`,
  (js) => `#"onmouseover="${js}`,
  (js) => `#<img/src/onerror=${js}>`,
  (js) => `#c++"onmouseover="${js}`,
  (js) => `#x#<svg/onload=${js}>`,
  (js) => `@"><img src=x onerror=${js}>`,
  (js) => `@admin"onclick="${js}`,
  (js) => `"><script>${js}</script>@example.com`,
  (js) => `[a](mailto:x@ok.example?body=<script>${js}</script>)`,
  (js) => `[a](mailto:javascript:${js})`,
  (js) => `[a](tel:javascript:${js})`,
  (js) => `[a](tel:"onmouseover="${js})`,
  (js) => `<mailto:x@ok.example"onmouseover="${js}>`,
  (js) => `*<img src=x onerror=${js}>*`,
  (js) => `**[a](javascript:${js})**`,
  (js) => `~~<svg onload=${js}>~~`,
  (js) => `1. [a](javascript:${js})\n2. <img src=x onerror=${js}>`,
  (js) => `Setext <img src=x onerror=${js}>\n===`,
  (js) => `[a](<javascript:${js}> "t")`,
  (js) => `[a](javascript:${js} 'x')`,
  (js) => `<javascript:${js}>`,
  (js) => `<vbscript:${js}>`,
  (js) => `<data:text/html,<script>${js}</script>>`,
  (js) => `<JAVASCRIPT:${js}>`,
];

const entityTricks: Template[] = [
  (js) => `&lt;script&gt;${js}&lt;/script&gt;`,
  (js) => `&#60;script&#62;${js}&#60;/script&#62;`,
  (js) => `&amp;lt;script&amp;gt;${js}&amp;lt;/script&amp;gt;`,
  (js) => `\\u003cscript\\u003e${js}\\u003c/script\\u003e`,
  (js) => `%3Cscript%3E${js}%3C/script%3E`,
  (js) => `<scr&#105;pt>${js}</scr&#105;pt>`,
  (js) => `&#x3C;img src=x onerror=${js}&#x3E;`,
  (js) => `&lt;img src=x onerror=${js}&gt;`,
  (js) => `<img src=x onerror=&#x5F;&#x5F;xss(0)>${js}`,
  (js) => `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${js}">x</a>`,
  (js) => `<a href="&#x26;#x6A;avascript:${js}">x</a>`,
  (js) => `&lt;<script>${js}</script>&gt;`,
];

const unicodeTricks: Template[] = [
  (js) => `＜script＞${js}＜/script＞`,
  (js) => `\uFE64script\uFE65${js}\uFE64/script\uFE65`,
  (js) => `<ſcript>${js}</ſcript>`,
  (js) => `<scrİpt>${js}</scrİpt>`,
  (js) => `[a](јavascript:${js})`,
  (js) => `<a href="јavascript:${js}">x</a>`,
  (js) => `<img\u00a0src=x\u00a0onerror=${js}>`,
  (js) => `<img\u3000src=x\u3000onerror=${js}>`,
  (js) => `\uFEFF<script>${js}</script>`,
  (js) => `<script>\u2028${js}</script>`,
  (js) => `\u202Egnp.<img src=x onerror=${js}>`,
  (js) => `<img src=x one\u0301rror=${js}>`,
  (js) => `<i\u200Bmg src=x onerror=${js}>`,
  (js) => `<a href="javascript\u00A0:${js}">x</a>`,
  (js) => `[a](java\u00ADscript:${js})`,
  (js) => `🙂<img src=x onerror=${js}>🙂`,
];

const templateInjection: Template[] = [
  (js) => `{{constructor.constructor('${js}')()}}`,
  (js) => `\${${js}}`,
  (js) => `{${js}}`,
  (js) => `<div v-html="'<img src=x onerror=${js}>'"></div>`,
  (js) => `{"__proto__":{"innerHTML":"<img src=x onerror=${js}>"}}`,
  (js) => `<div dangerouslySetInnerHTML="{__html:'<img src=x onerror=${js}>'}"></div>`,
];

const families: [string, Template[]][] = [
  ['script', scriptTags],
  ['handler', eventHandlers],
  ['handler-spelling', handlerSpellings],
  ['url', urlVectors],
  ['style', styleVectors],
  ['svg-math', svgAndMath],
  ['broken-markup', brokenMarkup],
  ['markdown', markdownTricks],
  ['entity', entityTricks],
  ['unicode', unicodeTricks],
  ['template', templateInjection],
];

/** The JavaScript a vector runs if it ever gets to: it reports its own code to the trap. */
export const trapCall = (code: number) => `__xss(${code})`;

/** Every vector, for one sink: ids are stable (a family's order never changes within a run). */
export function xssVectors(sink = 0): Vector[] {
  const vectors: Vector[] = [];
  for (const [family, templates] of families) {
    for (const template of templates) {
      const id = vectors.length + 1;
      vectors.push({ id, family, source: template(trapCall(sink * 10_000 + id)) });
    }
  }
  return vectors;
}

/** Where a trap code came from. */
export const decodeTrap = (code: number) => ({ sink: Math.floor(code / 10_000), id: code % 10_000 });

/** Characters a single-line field refuses (see contract/common.ts); such vectors cannot go into a title. */
export const isSingleLine = (text: string) => !/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(text);

/**
 * Packs vectors into as few texts as fit `max` characters each, joined by `separator`; a vector longer than
 * `max` is left out. Returns the texts and the vectors each holds.
 */
export function pack(vectors: Vector[], max: number, separator: string): { text: string; ids: number[] }[] {
  const packs: { text: string; ids: number[] }[] = [];
  let current: { text: string; ids: number[] } | null = null;
  for (const vector of vectors) {
    if (vector.source.length > max) continue;
    if (current && current.text.length + separator.length + vector.source.length <= max) {
      current.text += separator + vector.source;
      current.ids.push(vector.id);
    } else {
      current = { text: vector.source, ids: [vector.id] };
      packs.push(current);
    }
  }
  return packs;
}
