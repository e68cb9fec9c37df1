/**
 * The one gate for rich text that is stored or shown as HTML. It must stay strict: minutes are
 * written by any participant and displayed to everyone (and exported), so only the markup the
 * editor itself can produce survives, without any attribute that could run code or restyle the
 * page.
 */
import sanitizeHtml from 'sanitize-html';
import { ALLOWED_LINK_SCHEMES, safeHref } from './model';

const LINK_REL = 'noopener noreferrer nofollow';

const OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: [
		'p',
		'h1',
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'ul',
		'ol',
		'li',
		'blockquote',
		'pre',
		'code',
		'hr',
		'br',
		'strong',
		'em',
		's',
		'u',
		'a'
	],
	// `rel` is allowed only because transformTags below always overwrites it.
	allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
	allowedClasses: {},
	allowedStyles: {},
	allowedSchemes: [...ALLOWED_LINK_SCHEMES],
	allowedSchemesByTag: {},
	allowedSchemesAppliedToAttributes: ['href'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	// Drop the content of elements whose text is code or markup rather than prose, instead of
	// leaking it as visible text (sanitize-html's default list only covers four of them).
	nonTextTags: [
		'script',
		'style',
		'textarea',
		'option',
		'noscript',
		'iframe',
		'noembed',
		'noframes',
		'xmp',
		'template',
		'title',
		'svg',
		'math',
		'object'
	],
	transformTags: {
		a: (tagName, attribs) => {
			// Same policy as the renderers (absolute http/https/mailto only), applied after
			// sanitize-html has decoded entities, so `&#106;avascript:` is seen as `javascript:`.
			const href = safeHref(attribs.href);
			const kept: sanitizeHtml.Attributes = href ? { href, rel: LINK_REL } : { rel: LINK_REL };
			return { tagName, attribs: kept };
		},
		ol: (tagName, attribs) => {
			const kept: sanitizeHtml.Attributes = {};
			if (attribs.start !== undefined && /^\d{1,9}$/.test(attribs.start))
				kept.start = attribs.start;
			return { tagName, attribs: kept };
		}
	}
};

export function sanitizeMinutesHtml(html: string): string {
	return sanitizeHtml(html, OPTIONS);
}
