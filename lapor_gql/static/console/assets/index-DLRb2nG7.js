const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/LoginPage-CvXEOmpx.js","assets/form-BbdzBduc.js","assets/SetupPage-DVKWqQgn.js","assets/InboxPage-pRZ9huAw.js","assets/use-query-BzAO6QTB.js","assets/report-list-BM6z0ZgC.js","assets/report-list-CUBppARG.css","assets/compliance-GScuCerj.js","assets/compliance-CWNHASrI.css","assets/liaison-C73MiSjC.js","assets/liaison-BaEXwzmn.css","assets/ReportPage-BNfGJtB4.js","assets/agency-picker-CeJoixyj.js","assets/attachment-picker-ZdvNV_vq.js","assets/attachment-picker-C7j6VEJC.css","assets/rating-Bg7H6Ai5.js","assets/rating-BQ6tCXYQ.css","assets/VerificationPage-1SA2ZAk1.js","assets/queries-Ck6_XJrh.js","assets/admin-Da9H9riq.css","assets/search-form-CyOQqbM8.js","assets/NotAuthorityPage-CiOZnP8w.js","assets/OverduePage-VPqe73_L.js","assets/StatisticsPage-KHAQZbnc.js","assets/ranking-_AQNJnrw.js","assets/ranking-BbrM_a9P.css","assets/AccountsPage-CaNhS6-K.js","assets/AgenciesPage-CWL9_BLm.js","assets/HolidaysPage-C2wsWSfV.js","assets/AuditPage-Csa2oLAA.js","assets/ProcessPage-DBmE72JB.js","assets/ProcessPage-DhyqlV3f.css","assets/MyReportsPage-UFJGDySe.js","assets/reporter-3oo_d2sg.js","assets/reporter-D7AY2mUN.css","assets/SubmitPage--s-TbAF2.js","assets/follow-D6OiTJ9t.js","assets/TrackPage-BtZb2j2l.js","assets/PublicStatisticsPage-MLDAFQqa.js","assets/SettingsPage-DyMzfxKT.js","assets/SettingsPage-t9zULW5o.css"])))=>i.map(i=>d[i]);
var e,t,n,r,i,a,o,s,c,l,u,d=Symbol.for(`pv`),f={},p=[],m=/^m(i|n|o|s|text|space)$/,h=Array.isArray,g=p.slice,_=Object.assign;function v(e){e&&e.parentNode&&e.remove()}function y(e,t,n){var r,i,a,o={},s=arguments.length;for(a in t)a==`key`?r=t[a]:a==`ref`&&typeof e!=`function`?i=t[a]:o[a]=t[a];return s>2&&(o.children=s>3?g.call(arguments,2):n),b(e,o,r,i,null)}function b(n,r,i,a,o){var s={type:n,props:r,key:i,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:d,__v:o||++t,__i:-1,__u:0};return!o&&e.vnode&&e.vnode(s),s}function x(e){return e.children}function S(e,t){this.props=e,this.context=t,this.__g=0}function C(e,t){if(t==null)return e.__&&C(e.__,e.__i+1);for(var n;t<e.__k.length;t++)if((n=e.__k[t])&&n.__e)return n.__e;return typeof e.type!=`function`||e.props.__P?null:C(e)}function w(t){var n,r=t.__v,i=r.__e,a=[],o=[],s=t.__P;s&&((n=_({constructor:d},r)).__v=r.__v+1,e.vnode&&e.vnode(n),re(s,n,r,t.__n,s.namespaceURI,32&r.__u?[i]:null,a,i||C(r),32&r.__u,o),n.__v=r.__v,n.__.__k[n.__i]=n,M(a,n,o),r.__=r.__e=null,n.__e!=i&&T(n))}function T(e){if((e=e.__)&&e.__c&&!e.props.__P)return e.__e=null,e.__k.some(function(t){return t&&(e.__e=t.__e)}),T(e)}function E(t){(8&t.__g||(t.__g|=8,n.push(t),i++))&&r==e.debounceRendering||((r=e.debounceRendering)||queueMicrotask)(D)}function D(){try{for(var e,t=1;n.length;)n.length>t&&n.sort(a),e=n.shift(),t=n.length,8&e.__g&&w(e)}finally{(i=n.length)&&(r||queueMicrotask)(D)}}function ee(e,t,n,r,i,a,o,s,c,l,u){var d,m,h,g,_,v,y=r.__k||p,b=t.length;for(c=O(n,t,y,c,b),d=0;d<b;d++)(h=n.__k[d])!=null&&(m=~h.__i&&y[h.__i]||f,h.__i=d,v=re(e,h,m,i,a,o,s,c,l,u),g=h.__e,(m.ref!=h.ref||8&m.__u)&&(m.ref&&N(m.ref,null,h,m),h.ref&&u.push(h.ref,h.__c||g,h)),_||=g,4&h.__u?(c=k(h,c,e,!m.__v),m.__e&&(m.__e=null)):typeof h.type==`function`&&v!==void 0?c=v:g&&(c=g.nextSibling),h.__u&=-21);return n.__e=_,c}function O(e,t,n,r,i){var a,o,s,c,l,u,f,p,m,g=n.length,_=g,v=0,y=0,S=e.__k=Array(i);for(a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o!=`object`||o.constructor===String?o=S[a]=b(null,o):h(o)?o=S[a]=b(x,{children:o}):o.constructor===d&&o.__b?o=S[a]=b(o.type,o.props,o.key,o.ref,o.__v):S[a]=o,c=a+v,o.__=e,o.__b=e.__b+1,s=null,~(l=o.__i=te(o,n,c,_))&&(_--,(s=n[l])&&(s.__u|=2)),s&&s.__v?(o.__u|=16,l==c-1?v--:l==c+1?v++:l!=c&&(l>c?v--:v++,y=1)):(~l||(i>g?v--:i<g&&v++),typeof o.type!=`function`&&(o.__u|=4))):S[a]=null;if(y){for(u=[],f=[],a=0;a<i;a++)if((o=S[a])&&16&o.__u){for(v=0,p=u.length;v<p;)u[m=v+p>>1]<o.__i?v=m+1:p=m;u[v]=o.__i,f[a]=v+1}for(v=u.length;a--;)f[a]&&(f[a]==v?v--:S[a].__u|=4)}if(_)for(a=0;a<g;a++)!(s=n[a])||2&s.__u||(s.__e==r&&(r=C(s)),se(s,s));return r}function k(e,t,n,r){var i,a,o,s;if(typeof e.type==`function`){if(e.props.__P)return t;if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&(i[a].__=e,t=k(i[a],t,n,!1));return t}for(t&&!t.parentNode&&(t=C(e))&&!t.parentNode&&(t=null),o=e.__e,s=t;s&&s.nodeType==8;)s=s.nextSibling;for(o!=s&&(!r&&n.moveBefore&&o.parentNode?n.moveBefore(o,t):n.insertBefore(o,t||null)),t=o;(t&&=t.nextSibling)&&t.nodeType==8&&!t.data.startsWith(`$s`););return t}function te(e,t,n,r){var i,a=e.key,o=e.type,s=t[n],c=s&&!(2&s.__u);if(s===null&&a==null||c&&a==s.key&&o==s.type)return n;if(r>+!!c){for(i=n-1;i>=0;i--)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i;for(i=n+1;i<t.length;i++)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i}return-1}function ne(e,t,n){n??=``,t[0]==`-`?e.setProperty(t,n):e[t]=n}function A(e,t,n,r,i){var a,o;if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||ne(e.style,t);if(n)for(t in n)r&&n[t]==r[t]||ne(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)typeof n!=`function`&&(n=null),typeof r!=`function`&&(r=null),(e.__e||={})[t]=n,n&&r||(o=l[t]||(l[t]=j(t)),(e.__a||={})[t]=c,a=t!=(t=t.replace(s,`$1`)),(t=t.slice(2))[0]<`a`&&(t=t.toLowerCase()),n?e.addEventListener(t,o,a):e.removeEventListener(t,o,a));else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;return}catch{}if(typeof n==`function`)return;n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n)}}function j(t){return function(n){var r=this.__e;if(r){if(r=r[t],n[o]==null)n[o]=c++;else if(n[o]<this.__a[t])return;return r(e.event?e.event(n):n)}}}function re(t,n,r,i,a,o,s,c,l,u){var f,m,g,y,b,w,T,E,D,O,k,te,ne,A,j,re,M,N,P=n.type;if(n.constructor!==d)return null;128&r.__u&&(l=32&r.__u,f=r.__c.__z)&&(n.__u|=l,m=o=[],f.nodeType==8?c=ie(f,o):o.push(f),c=o[0]||c),(f=e.__b)&&f(n);e:if(typeof P==`function`){g=s.length;try{if(E=n.props,D=(f=P.prototype)&&f.render,O=(f=P.contextType)&&i[f.__c],k=f?O?O.props.value:f.__:i,(y=r.__c)?(n.__c=y,2&y.__g&&(y.__g|=1)):(D?n.__c=y=new P(E,k):(n.__c=y=new S(E,k),y.constructor=P,y.render=ce),O&&O.sub(y),y.state||(y.state={}),y.__n=i,y.__g|=8,y.__h=[],y.__k=[]),D&&(y.__s||(y.__s=y.state),P.getDerivedStateFromProps&&(y.__s==y.state&&(y.__s=_({},y.__s)),_(y.__s,P.getDerivedStateFromProps(E,y.__s)))),b=y.props,w=y.state,y.__v=n,r.__c){if(E!==b&&D&&!P.getDerivedStateFromProps&&y.componentWillReceiveProps&&y.componentWillReceiveProps(E,k),n.__v==r.__v&&!(8&y.__g)||!(4&y.__g)&&y.shouldComponentUpdate&&!1===y.shouldComponentUpdate(E,y.__s,k)){n.__v!=r.__v&&(y.props=E,y.state=y.__s,y.__g&=-9),n.__e=r.__e,n.__k=r.__k,n.__k.some(function(e){e&&(e.__=n)}),p.push.apply(y.__h,y.__k),y.__k=[],y.__h.length&&s.push(y),c=C(r);break e}y.componentWillUpdate&&y.componentWillUpdate(E,y.__s,k),D&&y.componentDidUpdate&&y.__h.push(function(){y.componentDidUpdate(b,w,T)})}else D&&!P.getDerivedStateFromProps&&y.componentWillMount&&y.componentWillMount(),D&&y.componentDidMount&&y.__h.push(y.componentDidMount);y.context=k,y.props=E,y.__P=t,y.__g&=-5,te=e.__r,ne=D?25:0;do y.__g&=-9,te&&te(n),f=y.render(y.props,y.state=y.__s,y.context);while(8&y.__g&&++ne<25);D&&(p.push.apply(y.__h,y.__k),y.__k=[]),y.state=y.__s,y.getChildContext&&(i=_({},i,y.getChildContext())),D&&r.__c&&y.getSnapshotBeforeUpdate&&(T=y.getSnapshotBeforeUpdate(b,w)),A=f&&f.type===x&&f.key==null?f.props.children:f,E.__P&&(f=c,a=(t=E.__P).namespaceURI,l=o=null,r.props&&r.props.__P!=t&&(r.__k.some(function(e){e&&se(e,e)}),r.__k=null),c=r.__k?C(r,0):null),c=ee(t,h(A)?A:[A],n,r,i,a,o,s,c,l,u),E.__P&&(n.__e=null,c=f),n.__u&=-161,m&&m.some(v),y.__h.length&&s.push(y),1&y.__g&&(y.__g&=-4)}catch(t){if(s.length=g,n.__v=null,l||o){if(t&&t.then){if(n.__u|=128|l,o){for(~(M=o.indexOf(c||void 0))||(M=o.length);(N=o[M-1])&&N.nodeType==8;)M--;for(;M<o.length;M++)if(N=o[M]){if(o[M]=null,j){if(N==re)break}else{if(N.nodeType!=8)break;N.data.startsWith(`$s`)&&(re=ie(j=N))}}}if(!j){for(;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;j=c}(f=ie(j=n.__c.__z||(n.__c.__z=j)))?(n.__e=j,c=f):n.__e=c,c&&=c.nextSibling}else o&&o.some(v)}else n.__e=r.__e;n.__k||=r.__k||[],t&&t.then||ae(n),e.__e(t,n,r)}}else c=n.__e=oe(r.__e,n,r,i,a,o,s,l,u,t);return(f=e.diffed)&&f(n),c}function ie(e,t){if(e&&e.nodeType==8&&e.data.startsWith(`$s`))for(var n=1;e=e.nextSibling;){if(e.nodeType==8){if(e.data.startsWith(`$s`))n++;else if(e.data.startsWith(`/$s`)&&!--n)return e}t&&t.push(e)}}function ae(e){e&&(e.__c&&(e.__c.__g|=4),e.__k&&e.__k.some(ae))}function M(t,n,r){for(var i=0;i<r.length;)N(r[i++],r[i++],r[i++]);e.__c&&e.__c(n,t),t.some(function(n){try{t=n.__h,n.__h=[],t.some(function(e){e.call(n)})}catch(t){e.__e(t,n.__v)}})}function oe(t,n,r,i,a,o,s,c,l,u){var d,p,_,y,b,x,S,w,T=r.props||f,E=n.props,D=n.type;if(D==`svg`?a=`http://www.w3.org/2000/svg`:D==`math`?a=`http://www.w3.org/1998/Math/MathML`:a||=`http://www.w3.org/1999/xhtml`,o){for(d=0;d<o.length;d++)if((b=o[d])&&(D?b.localName==D:b.nodeType==3)){t=b,o[d]=null;break}}if(!t){if(w=u.ownerDocument||document,!D)return w.createTextNode(E);t=w.createElementNS(a,D,E.is?E:u),c&&=(e.__m&&e.__m(n,o),!1),o=null}if(D){if(u=D==`template`&&t.content||t,o=D==`textarea`&&E.defaultValue!=null?null:o&&g.call(u.childNodes),!c&&o)for(T={},d=0;d<t.attributes.length;d++)T[(b=t.attributes[d]).name]=b.value;for(d in T)b=T[d],d==`dangerouslySetInnerHTML`?_=b:d==`children`||d in E||d==`value`&&`defaultValue`in E||d==`checked`&&`defaultChecked`in E||A(t,d,null,b,a);for(d in E)b=E[d],d==`children`?y=b:d==`dangerouslySetInnerHTML`?p=b:d==`value`?x=b:d==`checked`?S=b:c&&typeof b!=`function`||T[d]===b||A(t,d,b,T[d],a);p?(c||_&&(p.__html==_.__html||p.__html==t.innerHTML)||(t.innerHTML=p.__html),n.__k=[]):(_&&(t.textContent=``),(D==`foreignObject`||a==`http://www.w3.org/1998/Math/MathML`&&m.test(D))&&(a=`http://www.w3.org/1999/xhtml`),ee(u,h(y)?y:[y],n,r,i,a,o,s,o?o[0]:r.__k&&C(r,0),c,l),o&&o.some(v)),c&&D!=`textarea`||(d=`value`,D==`progress`&&x==null?t.removeAttribute(d):x==null||x===t[d]&&(D!=`progress`||x)||A(t,d,x,T[d],a),d=`checked`,S!=null&&S!=t[d]&&A(t,d,S,T[d],a))}else T===E||c&&t.data==E||(t.data=E);return t}function N(t,n,r,i){try{typeof t==`function`?n?n.__x=t(n)||1:(i&&=i.__c||i.__e)&&(n=i.__x)&&(i.__x=null,typeof n==`function`?n():t(null)):t.current=n}catch(t){e.__e(t,r)}}function se(t,n,r){var i,a,o,s;if(e.unmount&&e.unmount(t),!(i=t.ref)||i.current&&i.current!=t.__e||N(i,null,n,t),i=t.__c){if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(t){e.__e(t,n)}i.__P=i.__n=null}if(i=t.__k)for(s=0;s<i.length;s++)i[s]&&se(i[s],n,typeof t.type!=`function`||r&&!t.props.__P);!r&&(i=t.__c)&&(i=i.__z)&&(a=ie(i,o=[]))&&(i==t.__e&&o.some(v),v(a),v(i)),r||v(t.__e),t.__e=t.__c=t.__=null}function ce(e,t,n){return this.constructor(e,n)}function P(t,n){var r,i,a,o;e.__&&e.__(t,n),n.nodeType==9&&(n=n.documentElement),i=(r=t&&32&t.__u)?null:n.__k,n.__k=b(x,{children:[t]}),a=[],o=[],re(n,n.__k,i||f,f,n.namespaceURI,i?null:n.firstChild?g.call(n.childNodes):null,a,i?i.__e:n.firstChild,r,o),M(a,n.__k,o),n.__k.props.children=null}function le(e){function t(e){var n,r;return this.getChildContext||(n=new Set,(r={})[t.__c]=this,this.getChildContext=function(){return r},this.shouldComponentUpdate=function(e){this.props.value!=e.value&&n.forEach(function(e){e.__g|=4,E(e)})},this.sub=function(e){n.add(e);var t=e.componentWillUnmount;e.componentWillUnmount=function(){n.delete(e),t&&t.call(e)}}),e.children}return t.__c=`__cC`+u++,t.__=e,t.Provider=(t.Consumer=function(e,t){return e.children(t)}).contextType=t,t}e={__e:function(e,t,n,r){for(var a,o,s;t=t.__;)if((a=t.__c)&&!(1&a.__g)){a.__g|=4;try{if((s=(o=a.constructor)&&o.getDerivedStateFromError)&&a.setState(o.getDerivedStateFromError(e)),a.componentDidCatch&&(a.componentDidCatch(e,r||{}),s=1),s&&8&a.__g)return void(a.__g|=2)}catch(t){e=t}}throw i=0,e}},t=0,S.prototype.setState=function(e,t){var n=this.__s;n&&n!=this.state||(n=this.__s=_({},this.state)),typeof e==`function`&&(e=e(_({},n),this.props)),e&&(_(n,e),this.__v&&(t&&this.__k.push(t),E(this)))},S.prototype.forceUpdate=function(e){this.__v&&(this.__g|=4,e&&this.__h.push(e),E(this))},S.prototype.render=x,n=[],i=0,a=function(e,t){return e.__v.__b-t.__v.__b},o=Symbol(),s=/(PointerCapture)$|Capture$/i,c=0,l={},u=0;var F,I,ue,de,fe=Object.is,L=0,pe=[],me=[],R=e,he=R.__b,ge=R.__r,_e=R.diffed,ve=R.__c,ye=R.unmount,be=R.__;function xe(e,t){R.__h&&R.__h(I,e,L||t),L=0;var n=I.__H||(I.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function z(e){return L=1,Se(Pe,e)}function Se(e,t,n){var r=xe(F++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):Pe(void 0,t),function(e){var t=(r.__N||r.__)[0],n=r.t(t,e);fe(t,n)||(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=I,!I.__f)){I.__f=!0;var i=I.shouldComponentUpdate;I.shouldComponentUpdate=function(e,t,n){var r=this.__H;if(!r)return!0;var a=!1,o=this.props!=e;if(r.__.some(function(e){e.__N&&(a=!0,fe(e.__[0],e.__N[0])||(o=!0))}),i){var s=i.call(this,e,t,n);return a?s||o:s}return!a||o}}return r.__}function B(e,t){var n=xe(F++,3);!R.__s&&Ne(n.__H,t)&&(n.__P=!0,n.__=e,n.u=t,I.__H.__h.push(n))}function Ce(e){return L=5,we(function(){return{current:e}},[])}function we(e,t){var n=xe(F++,7);return Ne(n.__H,t)&&(n.__=e(),n.__H=t),n.__}function Te(e,t){return L=8,we(function(){return e},t)}function Ee(e){var t=I.context[e.__c],n=xe(F++,9);return n.c=e,t?(n.__??(n.__=!0,t.sub(I)),t.props.value):e.__}function De(){var e;do{for(;e=me.shift();)try{je(e)}catch(t){R.__e(t,{__:(e=e.__P)&&e.__v})}for(;e=pe.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(je),t.__h.some(Me),t.__h=[]}catch(n){t.__h=[],R.__e(n,e.__v)}}}while(me.length)}R.__b=function(e){I=null,he&&he(e)},R.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),be&&be(e,t)},R.__r=function(e){ge&&ge(e),F=0;var t=(I=e.__c).__H;t&&(ue==I?I.__h=[]:(t.__h.some(je),t.__h.some(Me),F=0),t.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})),ue=I},R.diffed=function(e){_e&&_e(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&Ae(pe.push(t)),t.__H.__.some(function(e){e.u&&(e.__H=e.u)})),ue=I=null},R.__c=function(e,t){t.some(function(e){try{e.__h.some(je),e.__h=e.__h.filter(function(e){return!e.__||Me(e)})}catch(t){e.__h=[function(){throw t}]}}),ve&&ve(e,t)},R.unmount=function(e){ye&&ye(e);var t,n,r=e.__c;r&&r.__H&&(r.__H.__.some(function(r){try{if(r.__P&&r.__c){if(n===void 0){for(n=e.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n&&=n.__c}r.__P=n,Ae(me.push(r))}else je(r)}catch(e){t=e}}),r.__H=void 0,t&&R.__e(t,r.__v))};var Oe=typeof requestAnimationFrame==`function`;function ke(e){var t,n=function(){clearTimeout(r),Oe&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);Oe&&(t=requestAnimationFrame(n))}function Ae(e){e!=1&&de==R.requestAnimationFrame||((de=R.requestAnimationFrame)||ke)(De)}function je(e){var t=I,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),I=t}function Me(e){var t=I;e.__c=e.__(),I=t}function Ne(e,t){return!e||e.length!=t.length||t.some(function(t,n){return!fe(t,e[n])})}function Pe(e,t){return typeof t==`function`?t(e):t}function V(e){return e===null?`null`:Array.isArray(e)?`array`:typeof e}function H(e){return V(e)===`object`}function Fe(e){return Array.isArray(e)&&e.length>0&&e.every(e=>`message`in e)}function Ie(e,t){return e.length<124?e:t}var U=(e=>(e[e.InternalServerError=4500]=`InternalServerError`,e[e.InternalClientError=4005]=`InternalClientError`,e[e.BadRequest=4400]=`BadRequest`,e[e.BadResponse=4004]=`BadResponse`,e[e.Unauthorized=4401]=`Unauthorized`,e[e.Forbidden=4403]=`Forbidden`,e[e.SubprotocolNotAcceptable=4406]=`SubprotocolNotAcceptable`,e[e.ConnectionInitialisationTimeout=4408]=`ConnectionInitialisationTimeout`,e[e.ConnectionAcknowledgementTimeout=4504]=`ConnectionAcknowledgementTimeout`,e[e.SubscriberAlreadyExists=4409]=`SubscriberAlreadyExists`,e[e.TooManyInitialisationRequests=4429]=`TooManyInitialisationRequests`,e))(U||{}),W=(e=>(e.ConnectionInit=`connection_init`,e.ConnectionAck=`connection_ack`,e.Ping=`ping`,e.Pong=`pong`,e.Subscribe=`subscribe`,e.Next=`next`,e.Error=`error`,e.Complete=`complete`,e))(W||{});function Le(e){if(!H(e))throw Error(`Message is expected to be an object, but got ${V(e)}`);if(!e.type)throw Error(`Message is missing the 'type' property`);if(typeof e.type!=`string`)throw Error(`Message is expects the 'type' property to be a string, but got ${V(e.type)}`);switch(e.type){case`connection_init`:case`connection_ack`:case`ping`:case`pong`:if(e.payload!=null&&!H(e.payload))throw Error(`"${e.type}" message expects the 'payload' property to be an object or nullish or missing, but got "${e.payload}"`);break;case`subscribe`:if(typeof e.id!=`string`)throw Error(`"${e.type}" message expects the 'id' property to be a string, but got ${V(e.id)}`);if(!e.id)throw Error(`"${e.type}" message requires a non-empty 'id' property`);if(!H(e.payload))throw Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${V(e.payload)}`);if(typeof e.payload.query!=`string`)throw Error(`"${e.type}" message payload expects the 'query' property to be a string, but got ${V(e.payload.query)}`);if(e.payload.variables!=null&&!H(e.payload.variables))throw Error(`"${e.type}" message payload expects the 'variables' property to be a an object or nullish or missing, but got ${V(e.payload.variables)}`);if(e.payload.operationName!=null&&V(e.payload.operationName)!==`string`)throw Error(`"${e.type}" message payload expects the 'operationName' property to be a string or nullish or missing, but got ${V(e.payload.operationName)}`);if(e.payload.extensions!=null&&!H(e.payload.extensions))throw Error(`"${e.type}" message payload expects the 'extensions' property to be a an object or nullish or missing, but got ${V(e.payload.extensions)}`);break;case`next`:if(typeof e.id!=`string`)throw Error(`"${e.type}" message expects the 'id' property to be a string, but got ${V(e.id)}`);if(!e.id)throw Error(`"${e.type}" message requires a non-empty 'id' property`);if(!H(e.payload))throw Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${V(e.payload)}`);break;case`error`:if(typeof e.id!=`string`)throw Error(`"${e.type}" message expects the 'id' property to be a string, but got ${V(e.id)}`);if(!e.id)throw Error(`"${e.type}" message requires a non-empty 'id' property`);if(!Fe(e.payload))throw Error(`"${e.type}" message expects the 'payload' property to be an array of GraphQL errors, but got ${JSON.stringify(e.payload)}`);break;case`complete`:if(typeof e.id!=`string`)throw Error(`"${e.type}" message expects the 'id' property to be a string, but got ${V(e.id)}`);if(!e.id)throw Error(`"${e.type}" message requires a non-empty 'id' property`);break;default:throw Error(`Invalid message 'type' property "${e.type}"`)}return e}function Re(e,t){return Le(typeof e==`string`?JSON.parse(e,t):e)}function ze(e,t){return Le(e),JSON.stringify(e,t)}function Be(e){let{url:t,connectionParams:n,lazy:r=!0,onNonLazyError:i=console.error,lazyCloseTimeout:a=0,keepAlive:o=0,disablePong:s,connectionAckWaitTimeout:c=0,retryAttempts:l=5,retryWait:u=async function(e){let t=2**e;await new Promise(e=>setTimeout(e,t*1e3+Math.floor(Math.random()*2700+300)))},shouldRetry:d=He,on:f,webSocketImpl:p,generateID:m=function(){return`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.replace(/[xy]/g,e=>{let t=Math.random()*16|0;return(e==`x`?t:t&3|8).toString(16)})},jsonMessageReplacer:h,jsonMessageReviver:g}=e,_;if(p){if(!We(p))throw Error(`Invalid WebSocket implementation provided`);_=p}else typeof WebSocket<`u`?_=WebSocket:typeof global<`u`?_=global.WebSocket||global.MozWebSocket:typeof window<`u`&&(_=window.WebSocket||window.MozWebSocket);if(!_)throw Error("WebSocket implementation missing; on Node you can `import WebSocket from 'ws';` and pass `webSocketImpl: WebSocket` to `createClient`");let v=_,y=(()=>{let e=(()=>{let e={};return{on(t,n){return e[t]=n,()=>{delete e[t]}},emit(t){`id`in t&&e[t.id]?.(t)}}})(),t={connecting:f?.connecting?[f.connecting]:[],opened:f?.opened?[f.opened]:[],connected:f?.connected?[f.connected]:[],ping:f?.ping?[f.ping]:[],pong:f?.pong?[f.pong]:[],message:f?.message?[e.emit,f.message]:[e.emit],closed:f?.closed?[f.closed]:[],error:f?.error?[f.error]:[]};return{onMessage:e.on,on(e,n){let r=t[e];return r.push(n),()=>{let e=r.indexOf(n);e>-1&&r.splice(e,1)}},emit(e,...n){for(let r of[...t[e]])r(...n)}}})();function b(e){let t=[y.on(`error`,n=>{t.forEach(e=>e()),e(n)}),y.on(`closed`,n=>{t.forEach(e=>e()),e(n)})];return()=>t.forEach(e=>e())}let x,S=0,C,w=!1,T=0,E=!1;async function D(){clearTimeout(C);let[e,r]=await(x??=new Promise((e,r)=>(async()=>{if(w){if(await u(T),!S)return x=void 0,r({code:1e3,reason:`All Subscriptions Gone`});T++}y.emit(`connecting`,w);let i=new v(typeof t==`function`?await t():t,`graphql-transport-ws`),a,l;function d(){isFinite(o)&&o>0&&(clearTimeout(l),l=setTimeout(()=>{i.readyState===v.OPEN&&(i.send(ze({type:W.Ping})),y.emit(`ping`,!1,void 0))},o))}b(e=>{x=void 0,clearTimeout(a),clearTimeout(l),r(e),e instanceof Ve&&(i.close(4499,`Terminated`),i.onerror=null,i.onclose=null)}),i.onerror=e=>y.emit(`error`,e),i.onclose=e=>y.emit(`closed`,e),i.onopen=async()=>{try{y.emit(`opened`,i);let e=typeof n==`function`?await n():n;if(i.readyState!==v.OPEN)return;i.send(ze(e?{type:W.ConnectionInit,payload:e}:{type:W.ConnectionInit},h)),isFinite(c)&&c>0&&(a=setTimeout(()=>{i.close(U.ConnectionAcknowledgementTimeout,`Connection acknowledgement timeout`)},c)),d()}catch(e){y.emit(`error`,e),i.close(U.InternalClientError,Ie(e instanceof Error?e.message:String(e),`Internal client error`))}};let f=!1;i.onmessage=({data:t})=>{try{let n=Re(t,g);if(y.emit(`message`,n),n.type===`ping`||n.type===`pong`){y.emit(n.type,!0,n.payload),n.type===`pong`?d():s||(i.send(ze(n.payload?{type:W.Pong,payload:n.payload}:{type:W.Pong},h)),y.emit(`pong`,!1,n.payload));return}if(f)return;if(n.type!==W.ConnectionAck)throw Error(`First message cannot be of type ${n.type}`);clearTimeout(a),f=!0,y.emit(`connected`,i,n.payload,w),w=!1,T=0;let r=new Promise((e,t)=>b(t));r.catch(()=>{}),e([i,r])}catch(e){i.onmessage=null,y.emit(`error`,e),i.close(U.BadResponse,Ie(e instanceof Error?e.message:String(e),`Bad response`))}}})()));e.readyState===v.CLOSING&&await r;let i=()=>{},l=new Promise(e=>i=e);return[e,i,new Promise((t,n)=>{let i=b(n);e.readyState!==v.OPEN&&r.catch(n),l.then(()=>{if(i(),!S){let t=()=>e.close(1e3,`Normal Closure`);isFinite(a)&&a>0?(clearTimeout(C),C=setTimeout(()=>{!S&&e.readyState===v.OPEN&&t()},a)):t()}t()})})]}function ee(e){if(He(e)&&(Ue(e.code)||[U.InternalServerError,U.InternalClientError,U.BadRequest,U.BadResponse,U.Unauthorized,U.SubprotocolNotAcceptable,U.SubscriberAlreadyExists,U.TooManyInitialisationRequests].includes(e.code)))throw e;if(E)return!1;if(He(e)&&e.code===1e3)return S>0;if(!l||T>=l||!d(e))throw e;return w=!0}r||(async()=>{for(S++;;)try{let[,,e]=await D();await e}catch(e){try{if(!ee(e))return}catch(e){return i?.(e)}}})();function O(e,t){let n=m(e),r=!1,i=!1,a=()=>{S--,r=!0};return(async()=>{for(S++;;)try{let[o,s,c]=await D();if(r)return c.catch(()=>{}),s();let l=y.onMessage(n,e=>{switch(e.type){case W.Next:t.next(e.payload);return;case W.Error:i=!0,r=!0,t.error(e.payload),a();return;case W.Complete:r=!0,a();return}});o.send(ze({id:n,type:W.Subscribe,payload:e},h)),a=()=>{!r&&o.readyState===v.OPEN&&o.send(ze({id:n,type:W.Complete},h)),S--,r=!0,s()},await c.finally(l);return}catch(e){if(!ee(e))return}})().then(()=>{i||t.complete()}).catch(e=>{t.error(e)}),()=>{r||a()}}return{on:y.on,subscribe:O,iterate(e){let t=[],n={done:!1,error:null,resolve:()=>{}},r=O(e,{next(e){t.push(e),n.resolve()},error(e){n.done=!0,n.error=e,n.resolve()},complete(){n.done=!0,n.resolve()}}),i=async function*(){for(;;){for(t.length||await new Promise(e=>n.resolve=e);t.length;)yield t.shift();if(n.error)throw n.error;if(n.done)return}}();return i.throw=async e=>(n.done||(n.done=!0,n.error=e,n.resolve()),{done:!0,value:void 0}),i.return=async()=>(r(),{done:!0,value:void 0}),i},async dispose(){if(E=!0,x){let[e]=await x;e.close(1e3,`Normal Closure`)}},terminate(){x&&y.emit(`closed`,new Ve)}}}var Ve=class extends Error{name=`TerminatedCloseEvent`;message=`4499: Terminated`;code=4499;reason=`Terminated`;wasClean=!1};function He(e){return H(e)&&`code`in e&&`reason`in e}function Ue(e){return![1e3,1001,1006,1005,1012,1013,1014].includes(e)&&e>=1e3&&e<=1999}function We(e){return typeof e==`function`&&`constructor`in e&&`CLOSED`in e&&`CLOSING`in e&&`CONNECTING`in e&&`OPEN`in e}var Ge=`/graphql`,Ke=[`__Host-lapor_csrf`,`lapor_csrf`],qe=`X-CSRF-Token`,G=class extends Error{code;status;constructor(e,t=null,n=null){super(e),this.code=t,this.status=n,this.name=`ApiError`}},Je=new Set([`TOKEN_INVALID`,`TOKEN_EXPIRED`,`UNAUTHENTICATED`,`CSRF_FAILED`]),Ye=new Set;function Xe(e){return Ye.add(e),()=>Ye.delete(e)}var K=`id`;function Ze(e){e!==K&&(K=e,ct())}function Qe(e){for(let t of document.cookie.split(`;`)){let[n,...r]=t.trim().split(`=`);if(n===e)return decodeURIComponent(r.join(`=`))}return null}function $e(){for(let e of Ke){let t=Qe(e);if(t)return t}return null}function et(){return $e()!==null}function tt(e){return/^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(e)?.[1]}async function nt(e,...[t]){let n=e.toString(),r=JSON.stringify({query:n,variables:t??{},operationName:tt(n)}),i=await at(r);return i.sentCookie&&(i.status===401||i.status===403)&&$e()===null&&(Ye.forEach(e=>e()),i=await at(r)),ot(i)}function rt(){let e={Accept:`application/graphql-response+json, application/json`,"Accept-Language":K},t=$e();return t&&(e[qe]=t),e}function it(){return K}async function at(e){let t={...rt(),"Content-Type":`application/json`},n=$e(),r;try{r=await fetch(Ge,{method:`POST`,credentials:`same-origin`,headers:t,body:e})}catch{throw new G(K===`en`?`The server cannot be reached.`:`Server tidak dapat dihubungi.`,`NETWORK`)}let i=null;try{i=await r.json()}catch{i=null}return{status:r.status,sentCookie:n!==null,body:i}}function ot({status:e,body:t}){if(t===null)throw new G(`HTTP ${e}`,`HTTP`,e);let n=t.errors?.[0];if(n){let t=n.extensions?.code??null;throw(e===401||t!==null&&Je.has(t))&&Ye.forEach(e=>e()),new G(n.message,t,e)}if(t.data==null)throw new G(`HTTP ${e}`,`HTTP`,e);return t.data}var q=null;function st(){return q||(q=Be({url:`${location.protocol===`https:`?`wss`:`ws`}://${location.host}${Ge}`,lazy:!0,connectionParams:()=>({csrf:$e(),language:K}),retryAttempts:1e6,shouldRetry:()=>!0}),q)}function ct(){let e=q;q=null,e?.dispose()}function lt(e,t,n,r){let i=e.toString(),a=st(),o=a.subscribe({query:i,variables:t,operationName:tt(i)},{next:e=>{if(e.errors?.length){let t=e.errors[0];r?.(new G(t.message,t.extensions?.code??null))}else e.data&&n(e.data)},error:()=>r?.(new G(`live connection closed`,`LIVE`)),complete:()=>void 0});return()=>{a===q&&o()}}var ut=Symbol.for(`pv`),dt=0;Array.isArray;function J(t,n,r,i,a,o){n||={};var s,c,l=n;if(`ref`in l&&typeof t!=`function`)for(c in l={},n)c==`ref`?s=n[c]:l[c]=n[c];var u={type:t,props:l,key:r,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:ut,__v:--dt,__i:-1,__u:0};return(a||o)&&(u.__source=a,u.__self=o),e.vnode&&e.vnode(u),u}var ft=[`id`,`en`],pt=`lapor.lang`;function mt(e,t){return{id:e,en:t}}function ht(e,t){return e.replace(/\{(\w+)\}/g,(e,n)=>n in t?String(t[n]):e)}var gt=le({lang:`id`,setLang:()=>void 0});function _t(){let e=localStorage.getItem(pt);return e===`en`||e===`id`?e:`id`}function vt({children:e}){let[t,n]=z(_t);return Ze(t),B(()=>{document.documentElement.lang=t},[t]),J(gt.Provider,{value:{lang:t,setLang:e=>{localStorage.setItem(pt,e),Ze(e),n(e)}},children:e})}function Y(){let{lang:e,setLang:t}=Ee(gt),n=t=>t[e],r=e===`en`?`en-GB`:`id-ID`;return{lang:e,setLang:t,t:n,locale:r,formatDateTime:e=>e?new Date(e).toLocaleString(r,{dateStyle:`medium`,timeStyle:`short`}):`—`,formatDate:e=>e?new Date(e.length===10?`${e}T00:00:00`:e).toLocaleDateString(r,{dateStyle:`medium`}):`—`}}var X=mt({appName:`LAPOR! Konsol`,skipToContent:`Lewati ke konten`,loading:`Memuat…`,unexpectedError:`Terjadi kesalahan. Coba lagi.`,language:`Bahasa`,login:`Masuk`,logout:`Keluar`,logoutFailed:`Gagal keluar; sesi masih aktif. Coba lagi.`,menu:`Menu`,mainNavigation:`Navigasi utama`,save:`Simpan`,cancel:`Batal`,delete:`Hapus`,edit:`Ubah`,add:`Tambah`,back:`Kembali`,next:`Berikutnya`,previous:`Sebelumnya`,search:`Cari`,none:`Tidak ada`,notFound:`Halaman tidak ditemukan.`,forbidden:`Halaman ini bukan untuk peran Anda.`,inbox:`Kotak masuk`,settings:`Pengaturan`,verification:`Verifikasi`,notAuthority:`Bukan wewenang`,overdue:`Terlambat & eskalasi`,statistics:`Statistik`,accounts:`Akun penghubung`,agencies:`Instansi`,holidays:`Hari libur`,audit:`Jejak audit`,process:`Proses`,submitReport:`Buat laporan`,trackReport:`Lacak laporan`,transparency:`Transparansi`,myReports:`Laporan saya`,firstLogin:`Login pertama`,roleADMIN:`Admin (Diskominfo)`,roleLIAISON:`Pejabat Penghubung`,roleANALYST:`Analis proses`,roleCITIZEN:`Warga`},{appName:`LAPOR! Console`,skipToContent:`Skip to content`,loading:`Loading…`,unexpectedError:`Something went wrong. Please try again.`,language:`Language`,login:`Log in`,logout:`Log out`,logoutFailed:`Logging out failed; the session is still active. Try again.`,menu:`Menu`,mainNavigation:`Main navigation`,save:`Save`,cancel:`Cancel`,delete:`Delete`,edit:`Edit`,add:`Add`,back:`Back`,next:`Next`,previous:`Previous`,search:`Search`,none:`None`,notFound:`Page not found.`,forbidden:`This page is not for your role.`,inbox:`Inbox`,settings:`Settings`,verification:`Verification`,notAuthority:`Not our authority`,overdue:`Overdue & escalated`,statistics:`Statistics`,accounts:`Liaison accounts`,agencies:`Agencies`,holidays:`Holidays`,audit:`Audit trail`,process:`Process`,submitReport:`Submit a report`,trackReport:`Track a report`,transparency:`Transparency`,myReports:`My reports`,firstLogin:`First login`,roleADMIN:`Admin (Diskominfo)`,roleLIAISON:`Liaison officer`,roleANALYST:`Process analyst`,roleCITIZEN:`Citizen`}),yt={LIAISON:`/inbox`,ADMIN:`/admin/verification`,ANALYST:`/process`,CITIZEN:`/my-reports`},bt=(function(){let e=typeof document<`u`&&document.createElement(`link`).relList;return e&&e.supports&&e.supports(`modulepreload`)?`modulepreload`:`preload`})(),xt=function(e){return`/`+e},St={},Ct={},wt=function(e){return e.pathname.endsWith(`.css`)},Tt=function(e,t,n){if(t in e)return e[t];let r=n();if(!r){e[t]=void 0;return}let i=r.then(()=>{e[t]=void 0},n=>{throw delete e[t],n});return e[t]=i,i},Z=function(e,t,n){let r=Promise.resolve();if(t&&t.length>0){let e,i=document.querySelector(`meta[property=csp-nonce]`),a=i?.nonce||i?.getAttribute(`nonce`);function o(e){return Promise.all(e.map(e=>Promise.resolve(e).then(e=>({status:`fulfilled`,value:e}),e=>({status:`rejected`,reason:e}))))}function s(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}r=o(t.map(t=>{t=xt(t,n);let r=s(t),i=wt(r);return Tt(St,r.href,()=>{if(e===void 0){e={all:new Set,styles:new Set};let t=document.getElementsByTagName(`link`);for(let n=t.length-1;n>=0;n--){let r=t[n];e.all.add(r.href),r.rel===`stylesheet`&&e.styles.add(r.href)}}let t=i?e.styles:e.all,n=i?Ct[r.href]:void 0;if(!n&&t.has(r.href))return;let o=document.createElement(`link`);if(o.rel=i?`stylesheet`:bt,i||(o.as=`script`),o.crossOrigin=``,o.href=r.href,a&&o.setAttribute(`nonce`,a),n&&delete Ct[r.href],n?.isConnected?n.replaceWith(o):document.head.appendChild(o),i)return new Promise((e,t)=>{let n=i=>{o.removeEventListener(`load`,n),o.removeEventListener(`error`,n),i.type===`error`?(Ct[r.href]=o,t(Error(`Unable to preload CSS for ${r}`))):e(i)};o.addEventListener(`load`,n),o.addEventListener(`error`,n)})})}).filter(e=>e!==void 0))}function i(e){let t=new Event(`vite:preloadError`,{cancelable:!0});if(t.payload=e,window.dispatchEvent(t),!t.defaultPrevented)throw e}return r.then(t=>{for(let e of t||[])e.status===`rejected`&&i(e.reason);return e().catch(i)})},Et=[{path:`/login`,load:()=>Z(()=>import(`./LoginPage-CvXEOmpx.js`),__vite__mapDeps([0,1])),access:`anyone`},{path:`/setup`,load:()=>Z(()=>import(`./SetupPage-DVKWqQgn.js`),__vite__mapDeps([2,1])),access:`anyone`},{path:`/inbox`,load:()=>Z(()=>import(`./InboxPage-pRZ9huAw.js`),__vite__mapDeps([3,4,1,5,6,7,8,9,10])),access:[`LIAISON`],nav:`inbox`},{path:`/reports/:id`,load:()=>Z(()=>import(`./ReportPage-BNfGJtB4.js`),__vite__mapDeps([11,4,12,13,14,1,15,16,5,6,9,10])),access:`anyone`},{path:`/admin/verification`,load:()=>Z(()=>import(`./VerificationPage-1SA2ZAk1.js`),__vite__mapDeps([17,4,5,6,18,12,19,20,1])),access:[`ADMIN`],nav:`verification`},{path:`/admin/not-authority`,load:()=>Z(()=>import(`./NotAuthorityPage-CiOZnP8w.js`),__vite__mapDeps([21,4,5,6,18,12,19,20,1])),access:[`ADMIN`],nav:`notAuthority`},{path:`/admin/overdue`,load:()=>Z(()=>import(`./OverduePage-VPqe73_L.js`),__vite__mapDeps([22,4,12,1,5,6,18,19,20])),access:[`ADMIN`],nav:`overdue`},{path:`/admin/statistics`,load:()=>Z(()=>import(`./StatisticsPage-KHAQZbnc.js`),__vite__mapDeps([23,4,12,7,8,1,5,6,24,25,15,16,19])),access:[`ADMIN`],nav:`statistics`},{path:`/admin/accounts`,load:()=>Z(()=>import(`./AccountsPage-CaNhS6-K.js`),__vite__mapDeps([26,4,12,1,18,19])),access:[`ADMIN`],nav:`accounts`},{path:`/admin/agencies`,load:()=>Z(()=>import(`./AgenciesPage-CWL9_BLm.js`),__vite__mapDeps([27,4,12,1,18,19])),access:[`ADMIN`],nav:`agencies`},{path:`/admin/holidays`,load:()=>Z(()=>import(`./HolidaysPage-C2wsWSfV.js`),__vite__mapDeps([28,4,12,1,18,19])),access:[`ADMIN`],nav:`holidays`},{path:`/admin/audit`,load:()=>Z(()=>import(`./AuditPage-Csa2oLAA.js`),__vite__mapDeps([29,4,1,18,12,19])),access:[`ADMIN`],nav:`audit`},{path:`/process`,load:()=>Z(()=>import(`./ProcessPage-DBmE72JB.js`).then(e=>e.t),__vite__mapDeps([30,1,31])),access:[`ADMIN`,`ANALYST`],nav:`process`},{path:`/my-reports`,load:()=>Z(()=>import(`./MyReportsPage-UFJGDySe.js`),__vite__mapDeps([32,4,1,33,34])),access:[`CITIZEN`],nav:`myReports`},{path:`/submit`,load:()=>Z(()=>import(`./SubmitPage--s-TbAF2.js`),__vite__mapDeps([35,13,14,1,36,33,34])),access:`anyone`,nav:`submitReport`},{path:`/track`,load:()=>Z(()=>import(`./TrackPage-BtZb2j2l.js`),__vite__mapDeps([37,1,36,33,34])),access:`anyone`,nav:`trackReport`},{path:`/transparency`,load:()=>Z(()=>import(`./PublicStatisticsPage-MLDAFQqa.js`),__vite__mapDeps([38,4,7,8,1,24,5,6,25])),access:`anyone`,nav:`transparency`},{path:`/settings`,load:()=>Z(()=>import(`./SettingsPage-DyMzfxKT.js`),__vite__mapDeps([39,4,1,40])),access:`loggedIn`,nav:`settings`}];function Dt(e,t){return e.access===`anyone`?!0:e.access===`loggedIn`?t!==null:t!==null&&e.access.includes(t)}function Ot(e){return Et.filter(t=>!t.nav||!Dt(t,e)?!1:t.access!==`anyone`||e===null||e===`CITIZEN`)}var kt=`lapor:navigated`;function At(e,t={}){t.replace?history.replaceState(null,``,e):history.pushState(null,``,e),window.dispatchEvent(new Event(kt)),window.scrollTo(0,0)}function jt(){return{path:location.pathname,query:new URLSearchParams(location.search)}}function Mt(){let[e,t]=z(jt);return B(()=>{let e=()=>t(jt());return window.addEventListener(`popstate`,e),window.addEventListener(kt,e),()=>{window.removeEventListener(`popstate`,e),window.removeEventListener(kt,e)}},[]),e}function Nt(e){let t=new URLSearchParams(location.search);for(let[n,r]of Object.entries(e))r?t.set(n,r):t.delete(n);let n=t.toString();At(`${location.pathname}${n?`?${n}`:``}`,{replace:!0})}function Pt(e,t){let n=[],r=e.replace(/:([A-Za-z]+)/g,(e,t)=>(n.push(t),`([^/]+)`)),i=RegExp(`^${r}/?$`).exec(t);return i?Object.fromEntries(n.map((e,t)=>[e,decodeURIComponent(i[t+1])])):null}function Ft({to:e}){return B(()=>At(e,{replace:!0}),[e]),null}function Q({href:e,children:t,...n}){let r=t=>{t.defaultPrevented||t.button!==0||t.metaKey||t.ctrlKey||t.shiftKey||t.altKey||(t.preventDefault(),At(e))};return J(`a`,{...n,href:e,onClick:r,children:t})}var $=class extends String{__apiType;value;__meta__;constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}},It=new $(`
    fragment ReportListItem on Report {
  id
  trackingNumber
  title
  classification
  category
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
}
    `,{fragmentName:`ReportListItem`}),Lt=new $(`
    fragment ActionFormAction on AvailableAction {
  code
  label
  inputs {
    name
    kind
    required
    label
    choices {
      code
      label
    }
  }
}
    `,{fragmentName:`ActionFormAction`}),Rt=new $(`
    fragment AttachmentView on Attachment {
  id
  filename
  mediaType
  size
  width
  height
  isInternal
  url
  thumbnailUrl
  urlExpiresAt
}
    `,{fragmentName:`AttachmentView`}),zt=new $(`
    fragment TimelineEvent on ReportEvent {
  action
  actionLabel
  fromStatus
  toStatus
  message
  internalNote
  suggestedAgency {
    id
    code
    name
  }
  isPublic
  actorRole
  actor {
    id
    name
    role
    agency {
      id
      name
    }
  }
  createdAt
  dueAt
  attachments {
    ...AttachmentView
  }
}
    fragment AttachmentView on Attachment {
  id
  filename
  mediaType
  size
  width
  height
  isInternal
  url
  thumbnailUrl
  urlExpiresAt
}`,{fragmentName:`TimelineEvent`}),Bt=new $(`
    fragment LiaisonReportDetail on Report {
  id
  trackingNumber
  title
  body
  classification
  category
  location {
    text
    latitude
    longitude
  }
  incidentDate
  isAnonymous
  isConfidential
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  reporter {
    id
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
  updatedAt
  availableActions {
    ...ActionFormAction
  }
  timeline {
    ...TimelineEvent
  }
  attachments {
    ...AttachmentView
  }
  rating {
    score
    comment
    ratedAt
  }
}
    fragment ActionFormAction on AvailableAction {
  code
  label
  inputs {
    name
    kind
    required
    label
    choices {
      code
      label
    }
  }
}
fragment AttachmentView on Attachment {
  id
  filename
  mediaType
  size
  width
  height
  isInternal
  url
  thumbnailUrl
  urlExpiresAt
}
fragment TimelineEvent on ReportEvent {
  action
  actionLabel
  fromStatus
  toStatus
  message
  internalNote
  suggestedAgency {
    id
    code
    name
  }
  isPublic
  actorRole
  actor {
    id
    name
    role
    agency {
      id
      name
    }
  }
  createdAt
  dueAt
  attachments {
    ...AttachmentView
  }
}`,{fragmentName:`LiaisonReportDetail`});new $(`
    fragment ProcessElementDiffFields on ProcessElementDiff {
  elementId
  elementType
  name
  changes {
    what
    before
    after
  }
}
    `,{fragmentName:`ProcessElementDiffFields`});var Vt=new $(`
    fragment SettingsAgencyProfile on Agency {
  id
  code
  name
  address
  phone
  email
  website
  description
  serviceHours
  officials {
    name
    position
  }
}
    `,{fragmentName:`SettingsAgencyProfile`}),Ht=new $(`
    fragment ComplianceFigures on Compliance {
  met
  missed
  pending
  measured
  rate
}
    `,{fragmentName:`ComplianceFigures`}),Ut=new $(`
    fragment StatisticsSpread on WorkingDaysSpread {
  count
  median
  p90
}
    `,{fragmentName:`StatisticsSpread`}),Wt=new $(`
    fragment StatisticsCompliance on Compliance {
  ...ComplianceFigures
  withdrawn
  withoutDeadline
  answerDays {
    ...StatisticsSpread
  }
}
    fragment ComplianceFigures on Compliance {
  met
  missed
  pending
  measured
  rate
}
fragment StatisticsSpread on WorkingDaysSpread {
  count
  median
  p90
}`,{fragmentName:`StatisticsCompliance`}),Gt=new $(`
    fragment StatisticsSatisfaction on Satisfaction {
  closedNow
  rated
  shareRated
  average
  distribution {
    score
    count
  }
}
    `,{fragmentName:`StatisticsSatisfaction`}),Kt={"\n  fragment ActionFormAction on AvailableAction {\n    code\n    label\n    inputs {\n      name\n      kind\n      required\n      label\n      choices {\n        code\n        label\n      }\n    }\n  }\n":Lt,"\n  mutation ActionFormPerform($input: ReportActionPerformInput!) {\n    reportActionPerform(input: $input) {\n      report {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ActionFormPerform($input: ReportActionPerformInput!) {
  reportActionPerform(input: $input) {
    report {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query AgencyPickerList($after: String) {\n    agencies(first: 100, after: $after) {\n      edges {\n        node {\n          id\n          code\n          name\n          isActive\n          level\n          parent {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AgencyPickerList($after: String) {
  agencies(first: 100, after: $after) {
    edges {
      node {
        id
        code
        name
        isActive
        level
        parent {
          id
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  mutation AttachmentUpload($input: AttachmentUploadInput!) {\n    attachmentUpload(input: $input) {\n      attachment {\n        id\n        filename\n        size\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AttachmentUpload($input: AttachmentUploadInput!) {
  attachmentUpload(input: $input) {
    attachment {
      id
      filename
      size
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  fragment AttachmentView on Attachment {\n    id\n    filename\n    mediaType\n    size\n    width\n    height\n    isInternal\n    url\n    thumbnailUrl\n    urlExpiresAt\n  }\n":Rt,"\n  fragment ComplianceFigures on Compliance {\n    met\n    missed\n    pending\n    measured\n    rate\n  }\n":Ht,"\n  fragment ReportListItem on Report {\n    id\n    trackingNumber\n    title\n    classification\n    category\n    status\n    statusLabel\n    stage {\n      code\n      label\n    }\n    agency {\n      id\n      code\n      name\n    }\n    deadline\n    isOverdue\n    workingDaysLeft\n    createdAt\n  }\n":It,"\n  fragment TimelineEvent on ReportEvent {\n    action\n    actionLabel\n    fromStatus\n    toStatus\n    message\n    internalNote\n    suggestedAgency {\n      id\n      code\n      name\n    }\n    isPublic\n    actorRole\n    actor {\n      id\n      name\n      role\n      agency {\n        id\n        name\n      }\n    }\n    createdAt\n    dueAt\n    attachments {\n      ...AttachmentView\n    }\n  }\n":zt,"\n  query AdminReportQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {\n    reports(filter: $filter, order: $order, first: $first, after: $after) {\n      edges {\n        node {\n          ...ReportListItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AdminReportQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {
  reports(filter: $filter, order: $order, first: $first, after: $after) {
    edges {
      node {
        ...ReportListItem
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ReportListItem on Report {
  id
  trackingNumber
  title
  classification
  category
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
}`),"\n  query AdminNotAuthorityQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {\n    reports(filter: $filter, order: $order, first: $first, after: $after) {\n      edges {\n        node {\n          ...ReportListItem\n          timeline(last: 5) {\n            action\n            internalNote\n            suggestedAgency {\n              id\n              code\n              name\n            }\n            createdAt\n            actor {\n              id\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AdminNotAuthorityQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {
  reports(filter: $filter, order: $order, first: $first, after: $after) {
    edges {
      node {
        ...ReportListItem
        timeline(last: 5) {
          action
          internalNote
          suggestedAgency {
            id
            code
            name
          }
          createdAt
          actor {
            id
            name
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ReportListItem on Report {
  id
  trackingNumber
  title
  classification
  category
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
}`),"\n  query AdminUsers($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          email\n          phone\n          role\n          isActive\n          agency {\n            id\n            code\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AdminUsers($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    edges {
      node {
        id
        name
        email
        phone
        role
        isActive
        agency {
          id
          code
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  mutation AdminLiaisonCreate($input: LiaisonCreateInput!) {\n    liaisonCreate(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n      secret\n      secretExpiresAt\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminLiaisonCreate($input: LiaisonCreateInput!) {
  liaisonCreate(input: $input) {
    user {
      id
      name
      email
    }
    secret
    secretExpiresAt
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminPasswordResetIssue($input: UserIdInput!) {\n    userPasswordResetIssue(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n      secret\n      secretExpiresAt\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminPasswordResetIssue($input: UserIdInput!) {
  userPasswordResetIssue(input: $input) {
    user {
      id
      name
      email
    }
    secret
    secretExpiresAt
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminUserDeactivate($input: UserIdInput!) {\n    userDeactivate(input: $input) {\n      user {\n        id\n        isActive\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminUserDeactivate($input: UserIdInput!) {
  userDeactivate(input: $input) {
    user {
      id
      isActive
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminUserActivate($input: UserIdInput!) {\n    userActivate(input: $input) {\n      user {\n        id\n        isActive\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminUserActivate($input: UserIdInput!) {
  userActivate(input: $input) {
    user {
      id
      isActive
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query AdminAgencyProfile($id: ID!) {\n    agency(id: $id) {\n      id\n      code\n      name\n      level\n      isActive\n      address\n      phone\n      email\n      website\n      description\n      serviceHours\n      officials {\n        name\n        position\n      }\n      parent {\n        id\n        name\n      }\n      liaisons {\n        id\n        name\n        email\n      }\n    }\n  }\n":new $(`
    query AdminAgencyProfile($id: ID!) {
  agency(id: $id) {
    id
    code
    name
    level
    isActive
    address
    phone
    email
    website
    description
    serviceHours
    officials {
      name
      position
    }
    parent {
      id
      name
    }
    liaisons {
      id
      name
      email
    }
  }
}
    `),"\n  mutation AdminAgencyCreate($input: AgencyCreateInput!) {\n    agencyCreate(input: $input) {\n      agency {\n        id\n        code\n        name\n        level\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyCreate($input: AgencyCreateInput!) {
  agencyCreate(input: $input) {
    agency {
      id
      code
      name
      level
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyUpdate($input: AgencyUpdateInput!) {\n    agencyUpdate(input: $input) {\n      agency {\n        id\n        code\n        name\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyUpdate($input: AgencyUpdateInput!) {
  agencyUpdate(input: $input) {
    agency {
      id
      code
      name
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyMove($input: AgencyMoveInput!) {\n    agencyMove(input: $input) {\n      agency {\n        id\n        level\n        parent {\n          id\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyMove($input: AgencyMoveInput!) {
  agencyMove(input: $input) {
    agency {
      id
      level
      parent {
        id
      }
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyDeactivate($input: AgencyIdInput!) {\n    agencyDeactivate(input: $input) {\n      agency {\n        id\n        isActive\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyDeactivate($input: AgencyIdInput!) {
  agencyDeactivate(input: $input) {
    agency {
      id
      isActive
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyActivate($input: AgencyIdInput!) {\n    agencyActivate(input: $input) {\n      agency {\n        id\n        isActive\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyActivate($input: AgencyIdInput!) {
  agencyActivate(input: $input) {
    agency {
      id
      isActive
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyDelete($input: AgencyIdInput!) {\n    agencyDelete(input: $input) {\n      deletedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyDelete($input: AgencyIdInput!) {
  agencyDelete(input: $input) {
    deletedId
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {\n    agencyProfileUpdate(input: $input) {\n      agency {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {
  agencyProfileUpdate(input: $input) {
    agency {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query AdminHolidays($year: Int!, $agencyId: ID) {\n    holidays(year: $year, agencyId: $agencyId) {\n      id\n      date\n      name\n      kind\n      agency {\n        id\n        code\n        name\n      }\n    }\n  }\n":new $(`
    query AdminHolidays($year: Int!, $agencyId: ID) {
  holidays(year: $year, agencyId: $agencyId) {
    id
    date
    name
    kind
    agency {
      id
      code
      name
    }
  }
}
    `),"\n  mutation AdminHolidayCreate($input: HolidayCreateInput!) {\n    holidayCreate(input: $input) {\n      holiday {\n        id\n        date\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminHolidayCreate($input: HolidayCreateInput!) {
  holidayCreate(input: $input) {
    holiday {
      id
      date
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminHolidayDelete($input: HolidayDeleteInput!) {\n    holidayDelete(input: $input) {\n      deletedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminHolidayDelete($input: HolidayDeleteInput!) {
  holidayDelete(input: $input) {
    deletedId
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminHolidayImport($input: HolidayImportInput!) {\n    holidayImport(input: $input) {\n      imported\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminHolidayImport($input: HolidayImportInput!) {
  holidayImport(input: $input) {
    imported
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query AdminAuditEvents($objectType: String, $objectId: ID, $first: Int, $after: String) {\n    auditEvents(objectType: $objectType, objectId: $objectId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          action\n          objectType\n          objectId\n          before\n          after\n          createdAt\n          actor {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AdminAuditEvents($objectType: String, $objectId: ID, $first: Int, $after: String) {
  auditEvents(
    objectType: $objectType
    objectId: $objectId
    first: $first
    after: $after
  ) {
    edges {
      cursor
      node {
        action
        objectType
        objectId
        before
        after
        createdAt
        actor {
          id
          name
          email
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  query LiaisonInbox($filter: ReportFilter, $first: Int, $after: String) {\n    reports(filter: $filter, first: $first, after: $after, order: DEADLINE) {\n      edges {\n        cursor\n        node {\n          ...ReportListItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query LiaisonInbox($filter: ReportFilter, $first: Int, $after: String) {
  reports(filter: $filter, first: $first, after: $after, order: DEADLINE) {
    edges {
      cursor
      node {
        ...ReportListItem
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ReportListItem on Report {
  id
  trackingNumber
  title
  classification
  category
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
}`),"\n  subscription LiaisonQueueChanged {\n    myQueueChanged {\n      reportId\n      action\n      actionLabel\n      inMyQueue\n      report {\n        id\n        trackingNumber\n      }\n    }\n  }\n":new $(`
    subscription LiaisonQueueChanged {
  myQueueChanged {
    reportId
    action
    actionLabel
    inMyQueue
    report {
      id
      trackingNumber
    }
  }
}
    `),"\n  fragment LiaisonReportDetail on Report {\n    id\n    trackingNumber\n    title\n    body\n    classification\n    category\n    location {\n      text\n      latitude\n      longitude\n    }\n    incidentDate\n    isAnonymous\n    isConfidential\n    status\n    statusLabel\n    stage {\n      code\n      label\n    }\n    agency {\n      id\n      code\n      name\n    }\n    reporter {\n      id\n      name\n    }\n    deadline\n    isOverdue\n    workingDaysLeft\n    createdAt\n    updatedAt\n    availableActions {\n      ...ActionFormAction\n    }\n    timeline {\n      ...TimelineEvent\n    }\n    attachments {\n      ...AttachmentView\n    }\n    rating {\n      score\n      comment\n      ratedAt\n    }\n  }\n":Bt,"\n  query LiaisonReport($id: ID!) {\n    report(id: $id) {\n      ...LiaisonReportDetail\n    }\n  }\n":new $(`
    query LiaisonReport($id: ID!) {
  report(id: $id) {
    ...LiaisonReportDetail
  }
}
    fragment ActionFormAction on AvailableAction {
  code
  label
  inputs {
    name
    kind
    required
    label
    choices {
      code
      label
    }
  }
}
fragment AttachmentView on Attachment {
  id
  filename
  mediaType
  size
  width
  height
  isInternal
  url
  thumbnailUrl
  urlExpiresAt
}
fragment TimelineEvent on ReportEvent {
  action
  actionLabel
  fromStatus
  toStatus
  message
  internalNote
  suggestedAgency {
    id
    code
    name
  }
  isPublic
  actorRole
  actor {
    id
    name
    role
    agency {
      id
      name
    }
  }
  createdAt
  dueAt
  attachments {
    ...AttachmentView
  }
}
fragment LiaisonReportDetail on Report {
  id
  trackingNumber
  title
  body
  classification
  category
  location {
    text
    latitude
    longitude
  }
  incidentDate
  isAnonymous
  isConfidential
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  reporter {
    id
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
  updatedAt
  availableActions {
    ...ActionFormAction
  }
  timeline {
    ...TimelineEvent
  }
  attachments {
    ...AttachmentView
  }
  rating {
    score
    comment
    ratedAt
  }
}`),"\n  subscription LiaisonReportUpdated($id: ID!) {\n    reportUpdated(id: $id) {\n      ...LiaisonReportDetail\n    }\n  }\n":new $(`
    subscription LiaisonReportUpdated($id: ID!) {
  reportUpdated(id: $id) {
    ...LiaisonReportDetail
  }
}
    fragment ActionFormAction on AvailableAction {
  code
  label
  inputs {
    name
    kind
    required
    label
    choices {
      code
      label
    }
  }
}
fragment AttachmentView on Attachment {
  id
  filename
  mediaType
  size
  width
  height
  isInternal
  url
  thumbnailUrl
  urlExpiresAt
}
fragment TimelineEvent on ReportEvent {
  action
  actionLabel
  fromStatus
  toStatus
  message
  internalNote
  suggestedAgency {
    id
    code
    name
  }
  isPublic
  actorRole
  actor {
    id
    name
    role
    agency {
      id
      name
    }
  }
  createdAt
  dueAt
  attachments {
    ...AttachmentView
  }
}
fragment LiaisonReportDetail on Report {
  id
  trackingNumber
  title
  body
  classification
  category
  location {
    text
    latitude
    longitude
  }
  incidentDate
  isAnonymous
  isConfidential
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  reporter {
    id
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
  updatedAt
  availableActions {
    ...ActionFormAction
  }
  timeline {
    ...TimelineEvent
  }
  attachments {
    ...AttachmentView
  }
  rating {
    score
    comment
    ratedAt
  }
}`),"\n  mutation ReportStopFollowing($input: ReportAccessTokenRevokeInput!) {\n    reportAccessTokenRevoke(input: $input) {\n      revoked\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ReportStopFollowing($input: ReportAccessTokenRevokeInput!) {
  reportAccessTokenRevoke(input: $input) {
    revoked
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query LiaisonCompliance {\n    statistics {\n      period {\n        from\n        to\n      }\n      totals {\n        overdueNow\n        compliance {\n          ...ComplianceFigures\n          answerDays {\n            count\n            median\n          }\n        }\n      }\n      agencies {\n        band\n        agency {\n          id\n        }\n      }\n    }\n  }\n":new $(`
    query LiaisonCompliance {
  statistics {
    period {
      from
      to
    }
    totals {
      overdueNow
      compliance {
        ...ComplianceFigures
        answerDays {
          count
          median
        }
      }
    }
    agencies {
      band
      agency {
        id
      }
    }
  }
}
    fragment ComplianceFigures on Compliance {
  met
  missed
  pending
  measured
  rate
}`),"\n  mutation ReportAttachmentAdd($input: ReportAttachmentAddInput!) {\n    reportAttachmentAdd(input: $input) {\n      report {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ReportAttachmentAdd($input: ReportAttachmentAddInput!) {
  reportAttachmentAdd(input: $input) {
    report {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation SetupPassword($input: PasswordResetInput!) {\n    passwordReset(input: $input) {\n      user {\n        id\n        email\n        role\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SetupPassword($input: PasswordResetInput!) {
  passwordReset(input: $input) {
    user {
      id
      email
      role
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query ProcessVersions($first: Int, $after: String) {\n    processDefinitions(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          processId\n          version\n          note\n          sha256\n          deployedAt\n          deployedBy {\n            id\n            name\n          }\n          reportCount\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query ProcessVersions($first: Int, $after: String) {
  processDefinitions(first: $first, after: $after) {
    edges {
      node {
        id
        processId
        version
        note
        sha256
        deployedAt
        deployedBy {
          id
          name
        }
        reportCount
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  query ProcessVersionSource($id: ID!) {\n    processDefinition(id: $id) {\n      id\n      processId\n      version\n      bpmnXml\n      decisionTables\n    }\n  }\n":new $(`
    query ProcessVersionSource($id: ID!) {
  processDefinition(id: $id) {
    id
    processId
    version
    bpmnXml
    decisionTables
  }
}
    `),"\n  query ProcessVersionDiff($fromId: ID!, $toId: ID!) {\n    processDefinitionDiff(fromId: $fromId, toId: $toId) {\n      added {\n        ...ProcessElementDiffFields\n      }\n      removed {\n        ...ProcessElementDiffFields\n      }\n      changed {\n        ...ProcessElementDiffFields\n      }\n    }\n  }\n\n  fragment ProcessElementDiffFields on ProcessElementDiff {\n    elementId\n    elementType\n    name\n    changes {\n      what\n      before\n      after\n    }\n  }\n":new $(`
    query ProcessVersionDiff($fromId: ID!, $toId: ID!) {
  processDefinitionDiff(fromId: $fromId, toId: $toId) {
    added {
      ...ProcessElementDiffFields
    }
    removed {
      ...ProcessElementDiffFields
    }
    changed {
      ...ProcessElementDiffFields
    }
  }
}
    fragment ProcessElementDiffFields on ProcessElementDiff {
  elementId
  elementType
  name
  changes {
    what
    before
    after
  }
}`),"\n  mutation ProcessValidate($input: ProcessDefinitionValidateInput!) {\n    processDefinitionValidate(input: $input) {\n      valid\n      problems {\n        elementId\n        message\n        severity\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ProcessValidate($input: ProcessDefinitionValidateInput!) {
  processDefinitionValidate(input: $input) {
    valid
    problems {
      elementId
      message
      severity
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation ProcessDeploy($input: ProcessDefinitionDeployInput!) {\n    processDefinitionDeploy(input: $input) {\n      created\n      processDefinition {\n        id\n        version\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ProcessDeploy($input: ProcessDefinitionDeployInput!) {
  processDefinitionDeploy(input: $input) {
    created
    processDefinition {
      id
      version
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation ProcessMigrate($input: ProcessInstancesMigrateInput!) {\n    processInstancesMigrate(input: $input) {\n      dryRun\n      movedCount\n      notMovedCount\n      outcomes {\n        reportId\n        trackingNumber\n        moved\n        reason\n        elementIds\n        timers {\n          elementId\n          oldDueAt\n          newDueAt\n          countedFrom\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ProcessMigrate($input: ProcessInstancesMigrateInput!) {
  processInstancesMigrate(input: $input) {
    dryRun
    movedCount
    notMovedCount
    outcomes {
      reportId
      trackingNumber
      moved
      reason
      elementIds
      timers {
        elementId
        oldDueAt
        newDueAt
        countedFrom
      }
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation ReporterSubmit($input: ReportSubmitInput!) {\n    reportSubmit(input: $input) {\n      report {\n        id\n        trackingNumber\n        title\n        statusLabel\n      }\n      accessCode\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ReporterSubmit($input: ReportSubmitInput!) {
  reportSubmit(input: $input) {
    report {
      id
      trackingNumber
      title
      statusLabel
    }
    accessCode
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation ReporterFollow($input: ReportAccessTokenCreateInput!) {\n    reportAccessTokenCreate(input: $input) {\n      expiresAt\n      report {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ReporterFollow($input: ReportAccessTokenCreateInput!) {
  reportAccessTokenCreate(input: $input) {
    expiresAt
    report {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query ReporterMyReports($first: Int!, $after: String) {\n    reports(filter: { mine: true }, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          trackingNumber\n          title\n          classification\n          status\n          statusLabel\n          stage {\n            code\n            label\n          }\n          agency {\n            id\n            name\n          }\n          createdAt\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query ReporterMyReports($first: Int!, $after: String) {
  reports(filter: {mine: true}, first: $first, after: $after) {
    edges {
      node {
        id
        trackingNumber
        title
        classification
        status
        statusLabel
        stage {
          code
          label
        }
        agency {
          id
          name
        }
        createdAt
        updatedAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  mutation SettingsAccountUpdate($input: AccountUpdateInput!) {\n    accountUpdate(input: $input) {\n      user {\n        id\n        name\n        email\n        phone\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SettingsAccountUpdate($input: AccountUpdateInput!) {
  accountUpdate(input: $input) {
    user {
      id
      name
      email
      phone
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation SettingsPasswordChange($input: PasswordChangeInput!) {\n    passwordChange(input: $input) {\n      user {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SettingsPasswordChange($input: PasswordChangeInput!) {
  passwordChange(input: $input) {
    user {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query SettingsSessions {\n    mySessions {\n      id\n      createdAt\n      expiresAt\n      isCurrent\n    }\n  }\n":new $(`
    query SettingsSessions {
  mySessions {
    id
    createdAt
    expiresAt
    isCurrent
  }
}
    `),"\n  mutation SettingsSessionRevoke($input: SessionRevokeInput!) {\n    sessionRevoke(input: $input) {\n      session {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SettingsSessionRevoke($input: SessionRevokeInput!) {
  sessionRevoke(input: $input) {
    session {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  fragment SettingsAgencyProfile on Agency {\n    id\n    code\n    name\n    address\n    phone\n    email\n    website\n    description\n    serviceHours\n    officials {\n      name\n      position\n    }\n  }\n":Vt,"\n  query SettingsAgency($id: ID!) {\n    agency(id: $id) {\n      ...SettingsAgencyProfile\n    }\n  }\n":new $(`
    query SettingsAgency($id: ID!) {
  agency(id: $id) {
    ...SettingsAgencyProfile
  }
}
    fragment SettingsAgencyProfile on Agency {
  id
  code
  name
  address
  phone
  email
  website
  description
  serviceHours
  officials {
    name
    position
  }
}`),"\n  mutation SettingsAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {\n    agencyProfileUpdate(input: $input) {\n      agency {\n        ...SettingsAgencyProfile\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SettingsAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {
  agencyProfileUpdate(input: $input) {
    agency {
      ...SettingsAgencyProfile
    }
    errors {
      field
      code
      message
    }
  }
}
    fragment SettingsAgencyProfile on Agency {
  id
  code
  name
  address
  phone
  email
  website
  description
  serviceHours
  officials {
    name
    position
  }
}`),"\n  fragment StatisticsSpread on WorkingDaysSpread {\n    count\n    median\n    p90\n  }\n":Ut,"\n  fragment StatisticsCompliance on Compliance {\n    ...ComplianceFigures\n    withdrawn\n    withoutDeadline\n    answerDays {\n      ...StatisticsSpread\n    }\n  }\n":Wt,"\n  query StatisticsDashboard($filter: StatisticsFilter) {\n    statistics(filter: $filter) {\n      period {\n        from\n        to\n        timeZone\n      }\n      band\n      totals {\n        received\n        disposed\n        followedUp\n        closed\n        autoClosed\n        archived\n        reopened\n        notAuthorityRequested\n        notAuthorityAccepted\n        notAuthorityRejected\n        openNow\n        overdueNow\n        escalated\n        reopenRate\n        escalatedShare\n        daysToDisposition {\n          ...StatisticsSpread\n        }\n        daysToFirstAnswer {\n          ...StatisticsSpread\n        }\n        daysToClosure {\n          ...StatisticsSpread\n        }\n        dispositions\n        compliance {\n          ...StatisticsCompliance\n        }\n        satisfaction {\n          ...StatisticsSatisfaction\n        }\n      }\n      agencies {\n        band\n        rank\n        agency {\n          id\n          code\n          name\n        }\n        figures {\n          received\n          overdueNow\n          dispositions\n          compliance {\n            ...StatisticsCompliance\n          }\n          satisfaction {\n            ...StatisticsSatisfaction\n          }\n        }\n      }\n      monthly {\n        month\n        received\n        closed\n        dispositions\n        compliance {\n          met\n          measured\n          rate\n        }\n      }\n      liaisons {\n        id\n        name\n        answers\n        answerDays {\n          ...StatisticsSpread\n        }\n      }\n    }\n  }\n":new $(`
    query StatisticsDashboard($filter: StatisticsFilter) {
  statistics(filter: $filter) {
    period {
      from
      to
      timeZone
    }
    band
    totals {
      received
      disposed
      followedUp
      closed
      autoClosed
      archived
      reopened
      notAuthorityRequested
      notAuthorityAccepted
      notAuthorityRejected
      openNow
      overdueNow
      escalated
      reopenRate
      escalatedShare
      daysToDisposition {
        ...StatisticsSpread
      }
      daysToFirstAnswer {
        ...StatisticsSpread
      }
      daysToClosure {
        ...StatisticsSpread
      }
      dispositions
      compliance {
        ...StatisticsCompliance
      }
      satisfaction {
        ...StatisticsSatisfaction
      }
    }
    agencies {
      band
      rank
      agency {
        id
        code
        name
      }
      figures {
        received
        overdueNow
        dispositions
        compliance {
          ...StatisticsCompliance
        }
        satisfaction {
          ...StatisticsSatisfaction
        }
      }
    }
    monthly {
      month
      received
      closed
      dispositions
      compliance {
        met
        measured
        rate
      }
    }
    liaisons {
      id
      name
      answers
      answerDays {
        ...StatisticsSpread
      }
    }
  }
}
    fragment ComplianceFigures on Compliance {
  met
  missed
  pending
  measured
  rate
}
fragment StatisticsSpread on WorkingDaysSpread {
  count
  median
  p90
}
fragment StatisticsCompliance on Compliance {
  ...ComplianceFigures
  withdrawn
  withoutDeadline
  answerDays {
    ...StatisticsSpread
  }
}
fragment StatisticsSatisfaction on Satisfaction {
  closedNow
  rated
  shareRated
  average
  distribution {
    score
    count
  }
}`),"\n  query PublicStatisticsSummary($filter: PublicStatisticsFilter) {\n    publicStatistics(filter: $filter) {\n      period {\n        from\n        to\n      }\n      received\n      followedUp\n      closed\n      band\n      compliance {\n        ...ComplianceFigures\n      }\n      agencies {\n        received\n        followedUp\n        closed\n        band\n        rank\n        agency {\n          id\n          code\n          name\n        }\n        compliance {\n          ...ComplianceFigures\n        }\n      }\n    }\n  }\n":new $(`
    query PublicStatisticsSummary($filter: PublicStatisticsFilter) {
  publicStatistics(filter: $filter) {
    period {
      from
      to
    }
    received
    followedUp
    closed
    band
    compliance {
      ...ComplianceFigures
    }
    agencies {
      received
      followedUp
      closed
      band
      rank
      agency {
        id
        code
        name
      }
      compliance {
        ...ComplianceFigures
      }
    }
  }
}
    fragment ComplianceFigures on Compliance {
  met
  missed
  pending
  measured
  rate
}`),"\n  fragment StatisticsSatisfaction on Satisfaction {\n    closedNow\n    rated\n    shareRated\n    average\n    distribution {\n      score\n      count\n    }\n  }\n":Gt,"\n  query SessionMe {\n    me {\n      id\n      name\n      email\n      phone\n      role\n      agency {\n        id\n        code\n        name\n      }\n    }\n  }\n":new $(`
    query SessionMe {
  me {
    id
    name
    email
    phone
    role
    agency {
      id
      code
      name
    }
  }
}
    `),"\n  mutation SessionLogin($input: TokenCreateInput!) {\n    tokenCreate(input: $input) {\n      expiresAt\n      user {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SessionLogin($input: TokenCreateInput!) {
  tokenCreate(input: $input) {
    expiresAt
    user {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query SessionCurrent {\n    mySessions {\n      id\n      isCurrent\n    }\n  }\n":new $(`
    query SessionCurrent {
  mySessions {
    id
    isCurrent
  }
}
    `),"\n  mutation SessionLogout($input: SessionRevokeInput!) {\n    sessionRevoke(input: $input) {\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SessionLogout($input: SessionRevokeInput!) {
  sessionRevoke(input: $input) {
    errors {
      field
      code
      message
    }
  }
}
    `)};function qt(e){return Kt[e]??{}}var Jt=qt(`
  query SessionMe {
    me {
      id
      name
      email
      phone
      role
      agency {
        id
        code
        name
      }
    }
  }
`),Yt=qt(`
  mutation SessionLogin($input: TokenCreateInput!) {
    tokenCreate(input: $input) {
      expiresAt
      user {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`),Xt=qt(`
  query SessionCurrent {
    mySessions {
      id
      isCurrent
    }
  }
`),Zt=qt(`
  mutation SessionLogout($input: SessionRevokeInput!) {
    sessionRevoke(input: $input) {
      errors {
        field
        code
        message
      }
    }
  }
`),Qt=le(null);function $t({children:e}){let[t,n]=z(null),[r,i]=z(!0),a=Te(async()=>{try{n((await nt(Jt)).me??null)}catch{n(null)}finally{i(!1)}},[]);return B(()=>(a(),Xe(()=>{n(null),ct()})),[a]),J(Qt.Provider,{value:{me:t,loading:r,reload:a,login:async(e,t)=>{let{tokenCreate:n}=await nt(Yt,{input:{email:e,password:t,cookie:!0}});return n.errors.length?n.errors:(ct(),await a(),[])},logout:async()=>{let e=(await nt(Xt)).mySessions.find(e=>e.isCurrent);if(e){let{sessionRevoke:t}=await nt(Zt,{input:{id:e.id}}),[n]=t.errors;if(n)throw new G(n.message,n.code)}ct(),n(null)}},children:e})}function en(){let e=Ee(Qt);if(!e)throw Error(`useSession outside SessionProvider`);return e}function tn(){let{t:e}=Y();return J(`p`,{class:`loading`,role:`status`,children:e(X).loading})}function nn({error:e}){let{t}=Y();return J(`div`,{class:`notice notice--error`,role:`alert`,children:e instanceof G?e.message:t(X).unexpectedError})}var rn=mt({title:`Masuk ke LAPOR!`,email:`E-mail`,password:`Kata sandi`,submit:`Masuk`,firstTime:`Pertama kali? Masukkan kode penyiapan dari admin.`,setupTitle:`Login pertama`,setupIntro:`Admin memberi Anda kode penyiapan sekali pakai. Pilih kata sandi Anda sendiri dengan kode itu.`,secret:`Kode penyiapan atau reset`,newPassword:`Kata sandi baru`,newPasswordHint:`Minimal 10 karakter.`,setupSubmit:`Simpan kata sandi dan masuk`,setupDone:`Kata sandi tersimpan.`,homeTitle:`Layanan Aspirasi dan Pengaduan Online Rakyat`,homeIntro:`Sampaikan pengaduan, aspirasi atau permintaan informasi kepada pemerintah provinsi. Laporan Anda diverifikasi oleh admin dan diteruskan ke instansi yang berwenang.`,homeSubmit:`Buat laporan`,homeTrack:`Lacak laporan dengan nomor dan kode akses`,homeOfficers:`Petugas dan warga yang memiliki akun: masuk`,homeTransparency:`Seberapa tepat waktu instansi menindaklanjuti laporan? Lihat transparansi`},{title:`Log in to LAPOR!`,email:`E-mail`,password:`Password`,submit:`Log in`,firstTime:`First time? Enter the setup secret your admin gave you.`,setupTitle:`First login`,setupIntro:`Your admin gave you a one-time setup secret. Choose your own password with it.`,secret:`Setup or reset secret`,newPassword:`New password`,newPasswordHint:`At least 10 characters.`,setupSubmit:`Save password and log in`,setupDone:`Password saved.`,homeTitle:`Public complaints and aspirations service`,homeIntro:`Send a complaint, an aspiration or a request for information to the provincial government. The admin verifies your report and passes it to the agency responsible.`,homeSubmit:`Submit a report`,homeTrack:`Track a report with its number and access code`,homeOfficers:`Officers and citizens with an account: log in`,homeTransparency:`How punctually do agencies follow up reports? See the transparency page`});function an(){let{t:e}=Y(),t=e(rn);return J(`section`,{class:`home`,children:[J(`h1`,{children:t.homeTitle}),J(`p`,{class:`lead`,children:t.homeIntro}),J(`div`,{class:`home__actions`,children:[J(Q,{href:`/submit`,class:`button button--primary`,children:t.homeSubmit}),J(Q,{href:`/track`,class:`button`,children:t.homeTrack}),J(Q,{href:`/login`,class:`button button--quiet`,children:t.homeOfficers})]}),J(`p`,{class:`home__transparency`,children:J(Q,{href:`/transparency`,children:t.homeTransparency})})]})}var on=new Map;function sn({route:e,params:t}){let[n,r]=z(on.get(e)??null),[i,a]=z(null);return B(()=>{on.has(e)?r(on.get(e)):(r(null),e.load().then(t=>{on.set(e,t),r(t)},e=>a(e)))},[e]),i?J(nn,{error:i}):n?J(n.default,{params:t}):J(tn,{})}function cn(){let{me:e,logout:t}=en(),{lang:n,setLang:r,t:i}=Y(),a=i(X),[o,s]=z(!1),[c,l]=z(!1),{path:u}=Mt();B(()=>s(!1),[u]);let d=Ot(e?.role??null);return J(`header`,{class:`site-header`,children:[J(`div`,{class:`site-header__bar`,children:[J(Q,{href:`/`,class:`brand`,children:a.appName}),J(`button`,{type:`button`,class:`menu-toggle`,"aria-expanded":o,"aria-controls":`main-nav`,onClick:()=>s(!o),children:a.menu}),J(`div`,{class:`site-header__tools`,children:[J(`label`,{class:`lang-switch`,children:[J(`span`,{class:`visually-hidden`,children:a.language}),J(`select`,{value:n,onChange:e=>r(e.target.value),children:ft.map(e=>J(`option`,{value:e,children:e===`id`?`Bahasa Indonesia`:`English`},e))})]}),e?J(`span`,{class:`who`,children:[J(`span`,{class:`who__name`,children:e.name}),J(`span`,{class:`who__role`,children:a[`role${e.role}`]}),J(`button`,{type:`button`,class:`button button--quiet`,onClick:async()=>{try{await t(),l(!1),At(`/login`)}catch{l(!0)}},children:a.logout}),c&&J(`span`,{class:`who__error`,role:`alert`,children:a.logoutFailed})]}):J(Q,{href:`/login`,class:`button button--quiet`,children:a.login})]})]}),J(`nav`,{id:`main-nav`,class:`main-nav${o?` main-nav--open`:``}`,"aria-label":a.mainNavigation,children:J(`ul`,{children:d.map(e=>J(`li`,{children:J(Q,{href:e.path,"aria-current":u.startsWith(e.path)?`page`:void 0,children:a[e.nav]})},e.path))})})]})}function ln(){let{me:e,loading:t}=en(),{path:n}=Mt(),{t:r}=Y();if(t)return J(tn,{});if(n===`/`)return e?J(Ft,{to:yt[e.role]}):J(an,{});for(let t of Et){let i=Pt(t.path,n);if(i)return Dt(t,e?.role??null)?J(sn,{route:t,params:i},t.path):e?J(`p`,{class:`notice notice--error`,children:r(X).forbidden}):J(Ft,{to:`/login?next=${encodeURIComponent(n+location.search)}`})}return J(`p`,{class:`notice notice--error`,children:r(X).notFound})}function un(){let{t:e}=Y();return J(x,{children:[J(`a`,{href:`#main`,class:`skip-link`,children:e(X).skipToContent}),J(cn,{}),J(`main`,{id:`main`,tabIndex:-1,children:J(ln,{})})]})}P(J(vt,{children:J($t,{children:J(un,{})})}),document.getElementById(`app`));export{Te as A,tt as C,lt as D,ot as E,we as M,x as N,B as O,y as P,et as S,ct as T,J as _,qt as a,rt as b,At as c,Z as d,yt as f,Y as g,ht as h,en as i,z as j,Ce as k,Nt as l,mt as m,nn as n,Q as o,X as p,tn as r,Ft as s,rn as t,Mt as u,G as v,nt as w,it as x,Ge as y};